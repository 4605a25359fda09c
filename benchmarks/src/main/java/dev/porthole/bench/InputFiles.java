package dev.porthole.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark input files, read by the JMH benchmarks and by the FreeRDP reference harness
 * ({@code freerdp-reference/codec_bench.c}) alike. All integers are little-endian.
 *
 * <pre>
 * bitmap file (*.bitmap): "PHBM", u32 version = 1, u32 codec (1 interleaved, 2 planar), u32 bpp,
 *   u32 frameWidth, u32 frameHeight, u32 tileCount,
 *   then per tile: u32 x, u32 y, u32 width, u32 height, u32 length, length bytes (one bitmap stream,
 *   rows bottom-up as bitmap updates carry them; the tile's top-left lands on (x, y) of the frame)
 * bulk file (*.bulk): "PHBK", u32 version = 1, u32 type (0 MPPC 8K, 1 MPPC 64K, 2 NCRUSH, 3 XCRUSH),
 *   u32 packetCount, u64 outputBytes, u64 outputFnv1a64 (of one pass's output, packets concatenated),
 *   then per packet: u32 flags (the compression flags byte), u32 length, length bytes
 * </pre>
 *
 * One pass over a file (every tile, or every packet in order) is one benchmark operation; a bulk
 * file's first packet resets the history it needs, so passes can repeat back to back.
 */
public final class InputFiles {

    private InputFiles() {}

    static final int VERSION = 1;
    public static final int INTERLEAVED = 1;
    public static final int PLANAR = 2;

    /** The directory with the generated inputs: {@code -Dporthole.bench.inputs=DIR}. */
    public static Path directory() {
        String dir = System.getProperty("porthole.bench.inputs");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("set -Dporthole.bench.inputs=DIR to the inputs made by dev.porthole.bench.GenerateInputs "
                    + "(benchmarks/run-codecs.sh does both)");
        }
        return Path.of(dir);
    }

    /** One compressed bitmap and where it goes in the frame. */
    public record Tile(int x, int y, int width, int height, byte[] data) {}

    /** A frame's worth of compressed bitmaps of one codec. */
    public record BitmapInput(int codec, int bpp, int frameWidth, int frameHeight, List<Tile> tiles) {
        public long pixels() {
            long n = 0;
            for (Tile t : tiles) {
                n += (long) t.width() * t.height();
            }
            return n;
        }

        public long compressedBytes() {
            long n = 0;
            for (Tile t : tiles) {
                n += t.data().length;
            }
            return n;
        }
    }

    /** One compressed payload with its compression flags. */
    public record Packet(int flags, byte[] payload) {}

    /** A sequence of bulk-compressed payloads of one type, with the size and checksum of what they decompress to. */
    public record BulkInput(int type, List<Packet> packets, long outputBytes, long outputFnv1a64) {
        public long compressedBytes() {
            long n = 0;
            for (Packet p : packets) {
                n += p.payload().length;
            }
            return n;
        }
    }

    public static void write(Path file, BitmapInput in) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write("PHBM".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            u32(out, VERSION);
            u32(out, in.codec());
            u32(out, in.bpp());
            u32(out, in.frameWidth());
            u32(out, in.frameHeight());
            u32(out, in.tiles().size());
            for (Tile t : in.tiles()) {
                u32(out, t.x());
                u32(out, t.y());
                u32(out, t.width());
                u32(out, t.height());
                u32(out, t.data().length);
                out.write(t.data());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void write(Path file, BulkInput in) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write("PHBK".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            u32(out, VERSION);
            u32(out, in.type());
            u32(out, in.packets().size());
            u64(out, in.outputBytes());
            u64(out, in.outputFnv1a64());
            for (Packet p : in.packets()) {
                u32(out, p.flags());
                u32(out, p.payload().length);
                out.write(p.payload());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static BitmapInput readBitmap(Path file) {
        try (DataInputStream in = open(file, "PHBM")) {
            int codec = u32(in);
            int bpp = u32(in);
            int fw = u32(in);
            int fh = u32(in);
            int count = u32(in);
            List<Tile> tiles = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int x = u32(in);
                int y = u32(in);
                int w = u32(in);
                int h = u32(in);
                tiles.add(new Tile(x, y, w, h, bytes(in, u32(in))));
            }
            return new BitmapInput(codec, bpp, fw, fh, List.copyOf(tiles));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static BulkInput readBulk(Path file) {
        try (DataInputStream in = open(file, "PHBK")) {
            int type = u32(in);
            int count = u32(in);
            long outputBytes = u64(in);
            long fnv = u64(in);
            List<Packet> packets = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int flags = u32(in);
                packets.add(new Packet(flags, bytes(in, u32(in))));
            }
            return new BulkInput(type, List.copyOf(packets), outputBytes, fnv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** 64-bit FNV-1a, continued from {@code hash} (start with {@link #FNV_OFFSET}). */
    public static long fnv1a64(long hash, byte[] b, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            hash ^= b[i] & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    public static final long FNV_OFFSET = 0xcbf29ce484222325L;

    private static DataInputStream open(Path file, String magic) throws IOException {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no benchmark input " + file + ": run dev.porthole.bench.GenerateInputs (benchmarks/run-codecs.sh does)", e);
        }
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
        byte[] m = bytes(in, 4);
        if (!new String(m, java.nio.charset.StandardCharsets.US_ASCII).equals(magic) || u32(in) != VERSION) {
            in.close();
            throw new IOException(file + " is not a version " + VERSION + " " + magic + " file");
        }
        return in;
    }

    private static byte[] bytes(DataInputStream in, int n) throws IOException {
        if (n < 0 || n > (1 << 28)) {
            throw new IOException("implausible length " + n);
        }
        byte[] b = new byte[n];
        try {
            in.readFully(b);
        } catch (EOFException e) {
            throw new IOException("truncated input file", e);
        }
        return b;
    }

    private static void u32(OutputStream out, int v) throws IOException {
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    private static void u64(OutputStream out, long v) throws IOException {
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    private static int u32(DataInputStream in) throws IOException {
        return ByteBuffer.wrap(bytes(in, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static long u64(DataInputStream in) throws IOException {
        return ByteBuffer.wrap(bytes(in, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
