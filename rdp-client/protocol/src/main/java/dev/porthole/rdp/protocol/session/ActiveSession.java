package dev.porthole.rdp.protocol.session;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.bulk.BulkDecompressor;
import dev.porthole.rdp.protocol.bulk.CompressionType;
import dev.porthole.rdp.protocol.codec.pointer.Cursor;
import dev.porthole.rdp.protocol.codec.pointer.PointerDecoder;
import dev.porthole.rdp.protocol.pdu.rdp.CachedPointer;
import dev.porthole.rdp.protocol.pdu.rdp.ColorPointer;
import dev.porthole.rdp.protocol.pdu.rdp.CompressedShareData;
import dev.porthole.rdp.protocol.pdu.rdp.LargePointer;
import dev.porthole.rdp.protocol.pdu.rdp.NewPointer;
import dev.porthole.rdp.protocol.pdu.rdp.SetKeyboardIndicatorsPdu;
import dev.porthole.rdp.protocol.pdu.rdp.SystemPointer;
import dev.porthole.rdp.protocol.codec.interleaved.ColorDepth;
import dev.porthole.rdp.protocol.codec.interleaved.InterleavedDecoder;
import dev.porthole.rdp.protocol.codec.interleaved.Palette;
import dev.porthole.rdp.protocol.codec.planar.PlanarDecoder;
import dev.porthole.rdp.protocol.orders.OrderDecoder;
import dev.porthole.rdp.protocol.orders.OrderRenderer;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathReassembler;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathUpdate;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathUpdatePdu;
import dev.porthole.rdp.protocol.pdu.rdp.BitmapData;
import dev.porthole.rdp.protocol.pdu.rdp.BitmapUpdate;
import dev.porthole.rdp.protocol.pdu.rdp.ErrorInfo;
import dev.porthole.rdp.protocol.pdu.rdp.FrameMarker;
import dev.porthole.rdp.protocol.pdu.rdp.OrdersUpdate;
import dev.porthole.rdp.protocol.pdu.rdp.OutputUpdate;
import dev.porthole.rdp.protocol.pdu.rdp.PaletteUpdate;
import dev.porthole.rdp.protocol.pdu.rdp.PointerPdu;
import dev.porthole.rdp.protocol.pdu.rdp.PointerPosition;
import dev.porthole.rdp.protocol.pdu.rdp.PointerUpdate;
import dev.porthole.rdp.protocol.pdu.rdp.SaveSessionInfoPdu;
import dev.porthole.rdp.protocol.pdu.rdp.SetErrorInfoPdu;
import dev.porthole.rdp.protocol.pdu.rdp.ShareData;
import dev.porthole.rdp.protocol.pdu.rdp.SurfaceCommand;
import dev.porthole.rdp.protocol.pdu.rdp.SurfaceCommandsUpdate;
import dev.porthole.rdp.protocol.pdu.rdp.UpdatePdu;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The graphics side of an active RDP session, sans-I/O: slow-path share data and fast-path update
 * PDUs in, pixels written into a 32-bit {@link Surface} and {@link SessionEvent}s out. Bitmap updates
 * (MS-RDPBCGR 2.2.9.1.1.3.1.2) are decoded with interleaved RLE (8 to 24 bpp), planar (32 bpp,
 * MS-RDPEGDI 2.2.2.5.1) or as uncompressed rows; drawing orders (MS-RDPEGDI 2.2.2.2) are decoded by
 * {@link OrderDecoder} and drawn by {@link OrderRenderer} with their bitmap caches; fast-path
 * fragments are reassembled within the Multifragment Update limit. Bulk-compressed fast-path updates
 * and share data (MS-RDPBCGR 3.1.8, up to the {@link #OFFERED_COMPRESSION} this client offers in its
 * Client Info PDU) are decompressed first.
 * Pointer updates become {@link SessionEvent.PointerShape}s through a {@link PointerCache}; keyboard
 * indicators become {@link SessionEvent.KeyboardIndicators}.
 */
public final class ActiveSession implements AutoCloseable {

    private final Surface surface;
    private final InterleavedDecoder interleaved = new InterleavedDecoder();
    private final PlanarDecoder planar = new PlanarDecoder();
    private final FastPathReassembler reassembler;
    private final ByteBufAllocator reassemblerAlloc;
    private Palette palette = Palette.of(new int[Palette.SIZE]);
    private final OrderDecoder orderDecoder = new OrderDecoder();
    private final OrderRenderer orderRenderer;
    private final PointerCache pointers = PointerCache.forClientCapabilities();
    private BulkDecompressor bulk;

    /** The highest bulk compression type the client offers (MS-RDPBCGR 2.2.1.11.1.1 CompressionTypeMask). */
    public static final CompressionType OFFERED_COMPRESSION = CompressionType.XCRUSH;

    /** A session at 32 bpp (the color depth only matters for the colors of drawing orders). */
    public ActiveSession(int width, int height, ByteBufAllocator alloc, int maxUpdateSize) {
        this(width, height, 32, alloc, maxUpdateSize);
    }

    /**
     * @param colorDepth the session's color depth from the Demand Active PDU (MS-RDPBCGR 2.2.7.1.2
     *                   preferredBitsPerPixel), which decides how drawing orders' colors are read
     */
    public ActiveSession(int width, int height, int colorDepth, ByteBufAllocator alloc, int maxUpdateSize) {
        this.surface = new Surface(width, height);
        this.reassembler = new FastPathReassembler(alloc, maxUpdateSize);
        this.orderRenderer = new OrderRenderer(surface, colorDepth);
        this.reassemblerAlloc = alloc;
    }

    /** The session's pixels (XRGB with an opaque alpha byte). */
    public Surface surface() {
        return surface;
    }

    /** A slow-path share data PDU from the server. */
    public List<SessionEvent> onShareData(ShareData data) {
        List<SessionEvent> out = new ArrayList<>();
        switch (data) {
            case UpdatePdu u -> apply(u.update(), out);
            case PointerPdu p -> apply(p.update(), out);
            case SetErrorInfoPdu e -> {
                if (e.errorInfo() != ErrorInfo.ERRINFO_NONE) {
                    out.add(new SessionEvent.ErrorInfo(e.errorInfo(), ErrorInfo.name(e.errorInfo()), ErrorInfo.describe(e.errorInfo())));
                }
            }
            case SaveSessionInfoPdu s -> out.add(new SessionEvent.LogonNotification(s.info().getClass().getSimpleName()));
            case SetKeyboardIndicatorsPdu k -> out.add(new SessionEvent.KeyboardIndicators(k.ledFlags()));
            case CompressedShareData c -> out.addAll(onCompressedShareData(c));
            default -> { } // other share data (keyboard indicators, play sound…) is not shown by this layer
        }
        flushDamage(out);
        return out;
    }

    /** One whole fast-path update PDU (MS-RDPBCGR 2.2.9.1.2), header included. */
    public List<SessionEvent> onFastPath(ByteBuf pdu) {
        List<SessionEvent> out = new ArrayList<>();
        FastPathUpdatePdu decoded = FastPathUpdatePdu.decode(pdu);
        for (FastPathUpdate update : decoded.updates()) {
            if (update.compressionFlags() != null) {
                applyCompressed(update, out);
                continue;
            }
            if (update.fragmentation() == FastPathUpdate.FASTPATH_FRAGMENT_SINGLE) {
                apply(update.content(), out);
                continue;
            }
            FastPathReassembler.Reassembled whole = reassembler.accept(update);
            if (whole != null) {
                try {
                    apply(OutputUpdate.decodeFastPath(whole.updateCode(), whole.data()), out);
                } finally {
                    whole.data().release();
                }
            }
        }
        flushDamage(out);
        return out;
    }

    private void apply(OutputUpdate update, List<SessionEvent> out) {
        switch (update) {
            case BitmapUpdate b -> b.rectangles().forEach(this::drawBitmap);
            case OrdersUpdate o -> orderRenderer.apply(orderDecoder.decode(o.orderData(), o.numberOrders()), palette);
            case PaletteUpdate p -> palette = Palette.of(p.colors().stream().mapToInt(Integer::intValue).toArray());
            case PointerPosition pp -> out.add(new SessionEvent.PointerMoved(pp.xPos(), pp.yPos()));
            case PointerUpdate pu -> out.add(pointer(pu));
            case SurfaceCommandsUpdate s -> {
                for (SurfaceCommand c : s.commands()) {
                    if (c instanceof FrameMarker m && m.frameAction() == 1) {
                        flushDamage(out);
                        out.add(new SessionEvent.FrameEnded(m.frameId()));
                    }
                }
            }
            default -> { } // synchronize and other updates carry no pixels
        }
    }

    /** Turns a pointer update into the event for the embedder, through the pointer cache. */
    private SessionEvent pointer(PointerUpdate update) {
        Cursor shown = switch (update) {
            case SystemPointer s -> null;
            case ColorPointer c -> cache(c.cacheIndex(), PointerDecoder.decode(c, palette), "TS_COLORPOINTERATTRIBUTE");
            case NewPointer n -> cache(n.colorPointer().cacheIndex(), PointerDecoder.decode(n, palette), "TS_POINTERATTRIBUTE");
            case LargePointer l -> cache(l.cacheIndex(), PointerDecoder.decode(l, palette), "TS_FP_LARGEPOINTERATTRIBUTE");
            case CachedPointer c -> pointers.get(c.cacheIndex());
            case PointerPosition p -> throw new IllegalStateException("handled before");
        };
        if (update instanceof SystemPointer s) {
            return new SessionEvent.PointerSystem(s.hidden());
        }
        if (shown.isEmpty()) {
            return new SessionEvent.PointerSystem(true);
        }
        return new SessionEvent.PointerShape(shown.argb(), shown.width(), shown.height(), shown.hotX(), shown.hotY());
    }

    private Cursor cache(int index, Cursor cursor, String pdu) {
        pointers.put(index, cursor, pdu);
        return cursor;
    }

    private BulkDecompressor bulk() {
        if (bulk == null) {
            bulk = new BulkDecompressor(OFFERED_COMPRESSION);
        }
        return bulk;
    }

    /** A fast-path update with compressionFlags: decompressed (MS-RDPBCGR 3.1.8), then reassembled and applied. */
    private void applyCompressed(FastPathUpdate update, List<SessionEvent> out) {
        ByteBuf plain = reassemblerAlloc.buffer(update.updateData().readableBytes() * 2 + 16);
        try {
            bulk().decompress(update.updateData().duplicate(), update.compressionFlags(), plain);
            FastPathReassembler.Reassembled whole = reassembler.accept(update.updateCode(), update.fragmentation(), plain);
            if (whole != null) {
                try {
                    apply(OutputUpdate.decodeFastPath(whole.updateCode(), whole.data()), out);
                } finally {
                    whole.data().release();
                }
            }
        } finally {
            plain.release();
        }
    }

    /** A share data PDU whose body was bulk-compressed (MS-RDPBCGR 2.2.8.1.1.1.2 compressedType). */
    private List<SessionEvent> onCompressedShareData(CompressedShareData c) {
        ByteBuf plain = reassemblerAlloc.buffer(Math.max(16, c.uncompressedLength()));
        try {
            bulk().decompress(c.payload().duplicate(), c.compressedType(), plain);
            ShareData decoded = ShareData.decode(c.pduType2(), plain);
            if (decoded instanceof CompressedShareData) {
                throw RdpException.malformed("TS_SHAREDATAHEADER", "compressedType", "a decompressed body is compressed again");
            }
            return onShareData(decoded);
        } finally {
            plain.release();
        }
    }

    private void drawBitmap(BitmapData b) {
        Rect dest = Rect.ofInclusive(b.destLeft(), b.destTop(), b.destRight(), b.destBottom());
        ByteBuf stream = b.bitmapDataStream().duplicate();
        if (b.compressed()) {
            if (b.bitsPerPixel() == 32) {
                planar.decode(stream, b.width(), b.height(), true, surface, dest); // bitmap updates store planes bottom-up
            } else {
                interleaved.decode(stream, b.width(), b.height(), ColorDepth.of(b.bitsPerPixel()), palette, surface, dest);
            }
        } else {
            drawUncompressed(stream, b, dest);
        }
    }

    /** Uncompressed TS_BITMAP_DATA: bottom-up rows, each padded to a multiple of 4 bytes. */
    private void drawUncompressed(ByteBuf src, BitmapData b, Rect dest) {
        int bpp = b.bitsPerPixel();
        int bytesPerPixel = (bpp + 7) / 8;
        int rowBytes = (b.width() * bytesPerPixel + 3) & ~3;
        if ((long) rowBytes * b.height() > src.readableBytes()) {
            throw RdpException.malformed("TS_BITMAP_DATA", "bitmapDataStream", "holds " + src.readableBytes()
                    + " bytes, an uncompressed " + b.width() + "x" + b.height() + "x" + bpp + " bitmap needs " + (long) rowBytes * b.height());
        }
        Rect area = dest.intersect(surface.bounds());
        int[] px = surface.pixels();
        int base = src.readerIndex();
        for (int y = 0; y < area.height(); y++) {
            int srcRow = b.height() - 1 - (area.y() - dest.y() + y);
            if (srcRow < 0) {
                break;
            }
            int rowStart = base + srcRow * rowBytes;
            for (int x = 0; x < area.width() && (area.x() - dest.x() + x) < b.width(); x++) {
                int at = rowStart + (area.x() - dest.x() + x) * bytesPerPixel;
                int argb = switch (bpp) {
                    case 32, 24 -> 0xFF000000 | (src.getUnsignedByte(at + 2) << 16) | (src.getUnsignedByte(at + 1) << 8)
                            | src.getUnsignedByte(at);
                    case 16, 15, 8 -> ColorDepth.of(bpp).toArgb(bpp == 8 ? src.getUnsignedByte(at) : src.getUnsignedShortLE(at), palette);
                    default -> throw RdpException.malformed("TS_BITMAP_DATA", "bitsPerPixel", bpp + " is not 8, 15, 16, 24 or 32");
                };
                px[(area.y() + y) * surface.width() + area.x() + x] = argb;
            }
        }
        surface.addDamage(area);
    }

    private void flushDamage(List<SessionEvent> out) {
        List<Rect> damage = surface.takeDamage();
        if (!damage.isEmpty()) {
            out.add(new SessionEvent.FrameDamaged(damage));
        }
    }

    @Override
    public void close() {
        reassembler.close();
    }
}
