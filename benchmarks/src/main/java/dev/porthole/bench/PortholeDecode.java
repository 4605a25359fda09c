package dev.porthole.bench;

import java.io.ByteArrayOutputStream;

import dev.porthole.bench.InputFiles.BitmapInput;
import dev.porthole.bench.InputFiles.BulkInput;
import dev.porthole.bench.InputFiles.Packet;
import dev.porthole.bench.InputFiles.Tile;
import dev.porthole.rdp.protocol.bulk.BulkDecompressor;
import dev.porthole.rdp.protocol.bulk.CompressionType;
import dev.porthole.rdp.protocol.codec.interleaved.ColorDepth;
import dev.porthole.rdp.protocol.codec.interleaved.InterleavedDecoder;
import dev.porthole.rdp.protocol.codec.planar.PlanarDecoder;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** One pass over an input with Porthole's decoders, outside JMH: for checking inputs and comparing frames. */
public final class PortholeDecode {

    private PortholeDecode() {}

    /** Decodes every tile of {@code in} into a fresh frame-sized surface, as the benchmarks do. */
    public static Surface frame(BitmapInput in) {
        Surface surface = new Surface(in.frameWidth(), in.frameHeight());
        InterleavedDecoder interleaved = new InterleavedDecoder();
        PlanarDecoder planar = new PlanarDecoder();
        for (Tile t : in.tiles()) {
            ByteBuf src = Unpooled.wrappedBuffer(t.data());
            try {
                Rect at = new Rect(t.x(), t.y(), t.width(), t.height());
                if (in.codec() == InputFiles.INTERLEAVED) {
                    interleaved.decode(src, t.width(), t.height(), ColorDepth.of(in.bpp()), null, surface, at);
                } else {
                    planar.decode(src, t.width(), t.height(), true, surface, at);
                }
                if (src.isReadable()) {
                    throw new IllegalStateException("tile at " + t.x() + "," + t.y() + " left " + src.readableBytes() + " bytes unread");
                }
            } finally {
                src.release();
            }
        }
        return surface;
    }

    /** Decompresses one pass of {@code in} with {@code bulk}; returns the concatenated output. */
    public static byte[] pass(BulkDecompressor bulk, BulkInput in) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuf out = Unpooled.buffer(BulkDecompressor.DEFAULT_MAX_OUTPUT);
        try {
            for (Packet p : in.packets()) {
                ByteBuf src = Unpooled.wrappedBuffer(p.payload());
                try {
                    out.clear();
                    bulk.decompress(src, p.flags(), out);
                    all.write(out.array(), out.arrayOffset() + out.readerIndex(), out.readableBytes());
                } finally {
                    src.release();
                }
            }
        } finally {
            out.release();
        }
        return all.toByteArray();
    }

    public static BulkDecompressor decompressor() {
        return new BulkDecompressor(CompressionType.XCRUSH);
    }
}
