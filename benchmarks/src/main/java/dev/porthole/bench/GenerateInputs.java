package dev.porthole.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import dev.porthole.bench.InputFiles.BitmapInput;
import dev.porthole.bench.InputFiles.BulkInput;
import dev.porthole.bench.InputFiles.Packet;
import dev.porthole.bench.InputFiles.Tile;
import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.bulk.BulkDecompressor;
import dev.porthole.rdp.protocol.bulk.TestCompressors;
import dev.porthole.rdp.protocol.codec.interleaved.ColorDepth;
import dev.porthole.rdp.protocol.codec.interleaved.InterleavedTestEncoder;
import dev.porthole.rdp.protocol.codec.planar.PlanarHeader;
import dev.porthole.rdp.protocol.codec.planar.PlanarTestEncoder;
import dev.porthole.rdp.protocol.surface.Surface;

/**
 * Makes the codec benchmark inputs in a directory, deterministically, and checks each with Porthole's
 * decoders before writing it (lossless inputs must decode to their source exactly; bulk inputs must
 * decompress to their source twice in a row, so passes can repeat). Writes {@code inputs.tsv}, the
 * manifest the report reads: codec, input, file, work per pass, unit, compressed bytes, description.
 *
 * <p>Generated inputs come from {@link ScreenImage} (1920×1080 unless {@code --width/--height}),
 * cut into 64×64 tiles (the last row 56 high at 1080) and encoded with the protocol module's
 * test-only encoders and compressors (its test-jar); vector inputs are the protocol module's
 * committed test vectors (IronRDP, FreeRDP; sources in their SOURCE.md files).
 *
 * <p>Usage: {@code GenerateInputs DIR [--width W] [--height H]}
 */
public final class GenerateInputs {

    static final int TILE = 64;
    /** Fragment size of bulk-compressed fast-path updates: 4,000 bytes for the 8 KB MPPC history, 16,000 otherwise. */
    static final int FRAGMENT_8K = 4000;
    static final int FRAGMENT = 16000;
    /** MS-RDPEGDI 2.2.2.4.1 Level1ComprFlags L1_PACKET_AT_FRONT. */
    static final int L1_PACKET_AT_FRONT = 0x04;

    static final String[] IRONRDP_TILES = {"27019fd9f222cebce9dfebcddb12bfa0", "284f668a9366a95e45f15b6bf634a633",
        "28c08e75c82ab598c5ab85d1bfc00253", "2de3f3262a5eeecc3152552c178b782a", "3fc8124af9be2fe88b445db60c36eddc",
        "4d75aa6a18c435c6230ba739b802a861", "8b8ccc77526730d0cd8989901cc031ec", "94bb5b131eb3bc110905dfcb0f60da79",
        "9b06660a1da806d2d48ce3f46b45d571", "a412fbe2b435ac627ce39048aa3d3fb3", "aa326e7a536cc8a0420c44bdf4ef8d97",
        "fbcefc9af4db651aefd91bcabc8ea9fc"};

    private final Path dir;
    private final int width;
    private final int height;
    private final PrintStream log;
    private final List<String> manifest = new ArrayList<>();

    GenerateInputs(Path dir, int width, int height, PrintStream log) {
        this.dir = dir;
        this.width = width;
        this.height = height;
        this.log = log;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: GenerateInputs DIR [--width W] [--height H]");
            System.exit(2);
        }
        int w = 1920;
        int h = 1080;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--width" -> w = Integer.parseInt(args[i + 1]);
                case "--height" -> h = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new GenerateInputs(Path.of(args[0]), w, h, System.out).run();
    }

    void run() throws IOException {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        int[] screen = ScreenImage.render(width, height, 1);
        String size = width + "x" + height;

        interleavedScreen(screen, ColorDepth.BPP16, "screen-16bpp", size);
        interleavedScreen(screen, ColorDepth.BPP24, "screen-24bpp", size);
        interleavedVectors();

        planarScreen(screen, "screen-raw", new PlanarHeader(0, false, false, true), size + " desktop, ARGB planes raw, no alpha plane");
        planarScreen(screen, "screen-rle", new PlanarHeader(0, false, true, true), size + " desktop, ARGB planes RLE, no alpha plane");
        planarScreen(screen, "screen-aycocg", new PlanarHeader(3, true, true, true),
                size + " desktop, AYCoCg color loss level 3, chroma subsampling, RLE, no alpha plane (lossy)");
        planarVectors();

        List<byte[]> rle16 = new ArrayList<>();
        List<byte[]> raw24 = new ArrayList<>();
        bitmapData(screen, rle16, raw24);
        for (int type = 0; type < 4; type++) {
            int fragment = type == 0 ? FRAGMENT_8K : FRAGMENT;
            bulkScreen(type, "screen-rle16", fastPathUpdates(rle16, fragment),
                    "fast-path bitmap updates of the " + size + " desktop as 16 bpp RLE tiles (RLE from the test encoder)");
            bulkScreen(type, "screen-raw24", fastPathUpdates(raw24, fragment),
                    "fast-path bitmap updates of the " + size + " desktop as uncompressed 24 bpp tiles");
        }
        bulkVectors();

        Files.write(dir.resolve("inputs.tsv"), manifest, StandardCharsets.UTF_8);
        log.printf("generated %d inputs in %s (%.1f s)%n", manifest.size(), dir, (System.nanoTime() - t0) / 1e9);
    }

    // ------------------------------------------------------------------ bitmaps

    /** The tiles of a {@code width × height} frame: 64×64, the last column and row smaller. */
    List<int[]> tileGrid() {
        List<int[]> grid = new ArrayList<>();
        for (int y = 0; y < height; y += TILE) {
            for (int x = 0; x < width; x += TILE) {
                grid.add(new int[] {x, y, Math.min(TILE, width - x), Math.min(TILE, height - y)});
            }
        }
        return grid;
    }

    /** The pixels of a tile, rows bottom-up (wire order of bitmap updates), mapped by {@code pixel}. */
    int[] tilePixels(int[] screen, int[] t, Function<Integer, Integer> pixel) {
        int[] out = new int[t[2] * t[3]];
        for (int row = 0; row < t[3]; row++) {
            int y = t[1] + t[3] - 1 - row;
            for (int col = 0; col < t[2]; col++) {
                out[row * t[2] + col] = pixel.apply(screen[y * width + t[0] + col]);
            }
        }
        return out;
    }

    static int wirePixel(int argb, ColorDepth depth) {
        int r = argb >>> 16 & 0xFF;
        int g = argb >>> 8 & 0xFF;
        int b = argb & 0xFF;
        return switch (depth) {
            case BPP16 -> (r >>> 3) << 11 | (g >>> 2) << 5 | b >>> 3;
            case BPP15 -> (r >>> 3) << 10 | (g >>> 3) << 5 | b >>> 3;
            case BPP24 -> argb & 0xFFFFFF;
            case BPP8 -> throw new IllegalArgumentException("8 bpp needs a palette");
        };
    }

    void interleavedScreen(int[] screen, ColorDepth depth, String name, String size) {
        List<Tile> tiles = new ArrayList<>();
        long seed = 0;
        for (int[] t : tileGrid()) {
            int[] wire = tilePixels(screen, t, p -> wirePixel(p, depth));
            tiles.add(new Tile(t[0], t[1], t[2], t[3], InterleavedTestEncoder.encode(wire, t[2], depth, seed++)));
        }
        BitmapInput in = new BitmapInput(InputFiles.INTERLEAVED, depth.bitsPerPixel(), width, height, List.copyOf(tiles));
        Surface decoded = PortholeDecode.frame(in);
        int[] want = new int[width * height];
        for (int i = 0; i < want.length; i++) {
            want[i] = depth.toArgb(wirePixel(screen[i], depth), null);
        }
        if (!Arrays.equals(decoded.pixels(), want)) {
            throw new IllegalStateException("interleaved " + name + " does not decode to its source");
        }
        bitmap("interleaved", name, in, size + " desktop, " + tiles.size() + " tiles of up to 64x64 at " + depth.bitsPerPixel()
                + " bpp, RLE by the protocol module's test encoder");
    }

    void interleavedVectors() {
        List<Tile> ironrdp = new ArrayList<>();
        for (int i = 0; i < IRONRDP_TILES.length; i++) {
            ironrdp.add(new Tile(i * 64, 0, 64, 64, resource("/vectors/ironrdp/rle/tile-" + IRONRDP_TILES[i] + "-compressed.bin")));
        }
        BitmapInput a = new BitmapInput(InputFiles.INTERLEAVED, 16, 64 * IRONRDP_TILES.length, 64, List.copyOf(ironrdp));
        PortholeDecode.frame(a);
        bitmap("interleaved", "vectors-16bpp", a, "IronRDP test_data/rle: 12 server-sent 64x64 tiles at 16 bpp");
        BitmapInput b = new BitmapInput(InputFiles.INTERLEAVED, 24, 64, 64,
                List.of(new Tile(0, 0, 64, 64, resource("/vectors/freerdp/interleaved/interleaved-enc-24-encoder_test_01.bin"))));
        PortholeDecode.frame(b);
        bitmap("interleaved", "vectors-24bpp", b, "FreeRDP interleaved-enc-24: one 64x64 random image (MEGA_MEGA_COLOR_IMAGE)");
    }

    void planarScreen(int[] screen, String name, PlanarHeader header, String description) {
        List<Tile> tiles = new ArrayList<>();
        for (int[] t : tileGrid()) {
            int[] argb = tilePixels(screen, t, p -> p);
            byte[] data = header.aycocg()
                    ? PlanarTestEncoder.encode(header, aycocgPlanes(argb, t[2], t[3], header.colorLossLevel()), t[2], t[3], false)
                    : PlanarTestEncoder.encodeArgb(argb, t[2], t[3], header.rle(), !header.noAlpha(), false);
            tiles.add(new Tile(t[0], t[1], t[2], t[3], data));
        }
        BitmapInput in = new BitmapInput(InputFiles.PLANAR, 32, width, height, List.copyOf(tiles));
        int[] decoded = PortholeDecode.frame(in).pixels();
        int maxError = 0;
        long sumError = 0;
        for (int i = 0; i < decoded.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                int e = Math.abs((decoded[i] >>> shift & 0xFF) - (screen[i] >>> shift & 0xFF));
                maxError = Math.max(maxError, e);
                sumError += e;
            }
        }
        double meanError = sumError / (3.0 * decoded.length);
        if (!header.aycocg() && maxError != 0) {
            throw new IllegalStateException("planar " + name + " does not decode to its source");
        }
        // Lossy: chroma averaged over 2x2 blocks smears hard color edges, but on average the image must survive.
        if (meanError > 4) {
            throw new IllegalStateException("planar " + name + " decodes with a mean channel error of " + meanError);
        }
        bitmap("planar", name, in, description + (header.aycocg()
                ? String.format(" (channel error vs source: mean %.2f, max %d)", meanError, maxError) : ""));
    }

    /**
     * The AYCoCg planes of MS-RDPEGDI 3.1.9.1.2-3.1.9.1.4 (lifting form): Co = R - B, t = B + Co/2,
     * Cg = G - t, Y = t + Cg/2; chroma averaged over 2×2 blocks and shifted right by the color loss
     * level. Without an alpha plane the decoder swaps red and blue after the inverse transform
     * (3.1.9.1.2), so the transform takes them swapped.
     */
    static byte[][] aycocgPlanes(int[] argb, int w, int h, int cll) {
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        byte[][] planes = {new byte[w * h], new byte[w * h], new byte[cw * ch], new byte[cw * ch]};
        int[] co = new int[w * h];
        int[] cg = new int[w * h];
        for (int i = 0; i < w * h; i++) {
            int r = argb[i] & 0xFF; // swapped: see above
            int g = argb[i] >>> 8 & 0xFF;
            int b = argb[i] >>> 16 & 0xFF;
            co[i] = r - b;
            int t = b + (co[i] >> 1);
            cg[i] = g - t;
            planes[0][i] = (byte) 0xFF;
            planes[1][i] = (byte) (t + (cg[i] >> 1));
        }
        for (int cy = 0; cy < ch; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                int sumCo = 0;
                int sumCg = 0;
                int n = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int x = 2 * cx + dx;
                        int y = 2 * cy + dy;
                        if (x < w && y < h) {
                            sumCo += co[y * w + x];
                            sumCg += cg[y * w + x];
                            n++;
                        }
                    }
                }
                planes[2][cy * cw + cx] = (byte) (Math.floorDiv(sumCo, n) >> cll);
                planes[3][cy * cw + cx] = (byte) (Math.floorDiv(sumCg, n) >> cll);
            }
        }
        return planes;
    }

    void planarVectors() {
        record V(String resource, int w, int h) {}
        List<V> vectors = List.of(
                new V("/vectors/ironrdp/rdp6/32x64_rgb_raw.bin", 32, 64),
                new V("/vectors/ironrdp/rdp6/64x24_argb_rle.bin", 64, 24),
                new V("/vectors/ironrdp/rdp6/64x64_aycocg_rle.bin", 64, 64),
                new V("/vectors/ironrdp/rdp6/64x64_ycocg_rle_ss.bin", 64, 64),
                new V("/vectors/ironrdp/rdp6/64x35_ycocg_rle_ss.bin", 64, 35),
                new V("/vectors/ironrdp/rdp6/64x64_ycocg_raw_ss.bin", 64, 64),
                new V("/vectors/freerdp/planar/planar-enc-TEST_RLE_BITMAP_EXPERIMENTAL_01.bin", 64, 64),
                new V("/vectors/freerdp/planar/planar-enc-TEST_RLE_BITMAP_EXPERIMENTAL_02.bin", 64, 64),
                new V("/vectors/freerdp/planar/planar-enc-TEST_RLE_BITMAP_EXPERIMENTAL_03.bin", 64, 64));
        List<Tile> tiles = new ArrayList<>();
        int x = 0;
        for (V v : vectors) {
            tiles.add(new Tile(x, 0, v.w(), v.h(), resource(v.resource())));
            x += v.w();
        }
        BitmapInput in = new BitmapInput(InputFiles.PLANAR, 32, x, 64, List.copyOf(tiles));
        PortholeDecode.frame(in);
        bitmap("planar", "vectors", in, "IronRDP rdp6 (6: raw, RLE, AYCoCg, subsampled) and FreeRDP planar-enc (3: RLE) bitmaps");
    }

    void bitmap(String codec, String name, BitmapInput in, String description) {
        String file = codec + "-" + name + ".bitmap";
        InputFiles.write(dir.resolve(file), in);
        manifest.add(String.join("\t", codec, name, file, Long.toString(in.pixels()), "Mpx", Long.toString(in.compressedBytes()), description));
        log.printf("  %-12s %-14s %5d bitmaps %9d px %9d bytes%n", codec, name, in.tiles().size(), in.pixels(), in.compressedBytes());
    }

    // ------------------------------------------------------------------ bulk

    /**
     * MS-RDPBCGR 2.2.9.1.1.3.1.2 TS_BITMAP_DATA of every tile: as 16 bpp RLE (flags BITMAP_COMPRESSION |
     * NO_BITMAP_COMPRESSION_HDR) into {@code rle16}, and uncompressed at 24 bpp into {@code raw24}.
     */
    void bitmapData(int[] screen, List<byte[]> rle16, List<byte[]> raw24) {
        long seed = 0;
        for (int[] t : tileGrid()) {
            int[] wire16 = tilePixels(screen, t, p -> wirePixel(p, ColorDepth.BPP16));
            rle16.add(bitmapData(t, 16, 0x0401, InterleavedTestEncoder.encode(wire16, t[2], ColorDepth.BPP16, seed++)));
            int[] wire24 = tilePixels(screen, t, p -> p & 0xFFFFFF);
            int stride = (t[2] * 3 + 3) & ~3;
            byte[] raw = new byte[stride * t[3]];
            for (int row = 0; row < t[3]; row++) {
                for (int col = 0; col < t[2]; col++) {
                    int p = wire24[row * t[2] + col];
                    raw[row * stride + 3 * col] = (byte) p;
                    raw[row * stride + 3 * col + 1] = (byte) (p >>> 8);
                    raw[row * stride + 3 * col + 2] = (byte) (p >>> 16);
                }
            }
            raw24.add(bitmapData(t, 24, 0, raw));
        }
    }

    static byte[] bitmapData(int[] t, int bpp, int flags, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] fields = {t[0], t[1], t[0] + t[2] - 1, t[1] + t[3] - 1, t[2], t[3], bpp, flags, data.length};
        for (int f : fields) {
            out.write(f);
            out.write(f >>> 8);
        }
        out.writeBytes(data);
        return out.toByteArray();
    }

    /**
     * TS_UPDATE_BITMAP_DATA (updateType 1, numberRectangles, rectangles) of fast-path bitmap updates
     * holding as many rectangles as fit in {@code fragment} bytes; an update that does not fit alone
     * is cut into fragments of {@code fragment} bytes, as fast-path fragmentation does. Each returned
     * chunk is what a server bulk-compresses as one payload.
     */
    static List<byte[]> fastPathUpdates(List<byte[]> rects, int fragment) {
        List<byte[]> chunks = new ArrayList<>();
        int i = 0;
        while (i < rects.size()) {
            int n = 0;
            int size = 4;
            while (i + n < rects.size() && (n == 0 || size + rects.get(i + n).length <= fragment)) {
                size += rects.get(i + n).length;
                n++;
            }
            ByteArrayOutputStream update = new ByteArrayOutputStream();
            update.writeBytes(new byte[] {1, 0, (byte) n, (byte) (n >>> 8)});
            for (int k = 0; k < n; k++) {
                update.writeBytes(rects.get(i + k));
            }
            byte[] u = update.toByteArray();
            for (int off = 0; off < u.length; off += fragment) {
                chunks.add(Arrays.copyOfRange(u, off, Math.min(u.length, off + fragment)));
            }
            i += n;
        }
        return chunks;
    }

    static final String[] BULK_NAMES = {"mppc8k", "mppc64k", "ncrush", "xcrush"};

    void bulkScreen(int type, String name, List<byte[]> chunks, String description) {
        List<Packet> packets = new ArrayList<>();
        TestCompressors.Mppc mppc = type <= 1 ? new TestCompressors.Mppc(type == 1) : null;
        TestCompressors.Ncrush ncrush = type == 2 ? new TestCompressors.Ncrush() : null;
        TestCompressors.Xcrush xcrush = type == 3 ? new TestCompressors.Xcrush() : null;
        for (byte[] chunk : chunks) {
            TestCompressors.Packet p = switch (type) {
                case 0, 1 -> mppc.compress(chunk, true);
                case 2 -> ncrush.compress(chunk);
                default -> xcrush.compress(chunk, true);
            };
            byte[] payload = p.payload();
            if (type == 3 && packets.isEmpty()) {
                // The level-1 history of a pass starts at offset 0, as the compressor's did.
                payload = payload.clone();
                payload[0] |= L1_PACKET_AT_FRONT;
            }
            packets.add(new Packet(p.flags(), payload));
        }
        byte[] source = concat(chunks);
        bulk(type, name, packets, source, description + ", " + packets.size() + " payloads of up to "
                + (type == 0 ? FRAGMENT_8K : FRAGMENT) + " bytes, compressed by the protocol module's test compressor");
    }

    void bulkVectors() {
        String bells = "for.whom.the.bell.tolls,.the.bell.tolls.for.thee!";
        byte[] island = HexVectors.load("/vectors/freerdp/bulk/island-text.hex");
        byte[] rdp5 = HexVectors.load("/vectors/freerdp/bulk/mppc-rdp5-uncompressed.hex");
        repeated(0, HexVectors.load("/vectors/freerdp/bulk/mppc-bells-rdp4.hex"), 0x60, 0xE0, 1000,
                bells.getBytes(StandardCharsets.US_ASCII), "FreeRDP TEST_MPPC_BELLS_RDP4 (flags 0x60)");
        repeated(1, HexVectors.load("/vectors/freerdp/bulk/mppc-rdp5-compressed.hex"), 0x61, 0xE1, 8, rdp5,
                "FreeRDP TEST_RDP5_COMPRESSED_DATA (flags 0x61)");
        repeated(2, HexVectors.load("/vectors/freerdp/bulk/ncrush-bells.hex"), 0x22, 0xA2, 1000,
                bells.getBytes(StandardCharsets.US_ASCII), "FreeRDP TEST_BELLS_NCRUSH (flags 0x22)");
        byte[] xcrush = HexVectors.load("/vectors/freerdp/bulk/xcrush-island.hex");
        byte[] first = xcrush.clone();
        first[0] |= L1_PACKET_AT_FRONT;
        List<Packet> packets = new ArrayList<>();
        packets.add(new Packet(0x23, first));
        for (int i = 1; i < 125; i++) {
            packets.add(new Packet(0x23, xcrush));
        }
        bulk(3, "vectors", packets, concat(java.util.Collections.nCopies(125, island)),
                "FreeRDP TEST_ISLAND_DATA_XCRUSH (flags 0x23) x125 in one level-1 history, the first with L1_PACKET_AT_FRONT");
    }

    void repeated(int type, byte[] payload, int flags, int firstFlags, int times, byte[] plain, String what) {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            packets.add(new Packet(i == 0 ? firstFlags : flags, payload));
        }
        bulk(type, "vectors", packets, concat(java.util.Collections.nCopies(times, plain)),
                what + " x" + times + ", the first with PACKET_FLUSHED");
    }

    void bulk(int type, String name, List<Packet> packets, byte[] source, String description) {
        BulkInput in = new BulkInput(type, List.copyOf(packets), source.length,
                InputFiles.fnv1a64(InputFiles.FNV_OFFSET, source, 0, source.length));
        BulkDecompressor bulk = PortholeDecode.decompressor();
        for (int pass = 0; pass < 2; pass++) {
            if (!Arrays.equals(PortholeDecode.pass(bulk, in), source)) {
                throw new IllegalStateException(BULK_NAMES[type] + " " + name + " pass " + pass + " does not decompress to its source");
            }
        }
        String file = BULK_NAMES[type] + "-" + name + ".bulk";
        InputFiles.write(dir.resolve(file), in);
        manifest.add(String.join("\t", BULK_NAMES[type], name, file, Long.toString(source.length), "MB",
                Long.toString(in.compressedBytes()), description));
        log.printf("  %-12s %-14s %5d payloads %9d B out %9d bytes in%n", BULK_NAMES[type], name, packets.size(), source.length,
                in.compressedBytes());
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] resource(String name) {
        try (InputStream in = GenerateInputs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no vector " + name + " on the class path (the rdp-client-protocol test-jar)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
