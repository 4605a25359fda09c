package dev.porthole.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code porthole codec decode} run in-process on committed vectors (see resources/.../codec/SOURCE.md). */
class CodecCommandTest {

    static final String TILE = "/dev/porthole/agent/cli/codec/tile-27019fd9f222cebce9dfebcddb12bfa0";
    static final String PLANAR = "/dev/porthole/agent/cli/codec/64x35_ycocg_rle_ss";
    /** MS-RDPBCGR 3.1.8.2.3 bells example, RDP 5.0 MPPC (vectors/ms-rdpbcgr/3.1.8.2.3-mppc-bells-rdp5.hex), flags 0x61. */
    static final byte[] BELLS_RDP5 = HexFormat.of().parseHex(
            "666f722e77686f6d2e7468652e62656c" + "6c2e746f6c6c732c" + "fa1b977e88fa665210");
    static final String BELLS = "for.whom.the.bell.tolls,.the.bell.tolls.for.thee!";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return PortholeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path resource(String name, String as) throws IOException {
        try (InputStream in = CodecCommandTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            Path p = dir.resolve(as);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    private static int widen(int v, int bits) {
        return bits == 5 ? (v << 3) | (v >>> 2) : (v << 2) | (v >>> 4);
    }

    @Test
    void interleavedTileDecodesToThePngOfItsExpectedPixels() throws IOException {
        Path in = resource(TILE + "-compressed.bin", "tile.bin");
        byte[] expected = CodecCommandTest.class.getResourceAsStream(TILE + "-decompressed.bin").readAllBytes();
        Path png = dir.resolve("tile.png");

        assertThat(run("codec", "decode", "--codec", "interleaved", "--width", "64", "--height", "64", "--bpp", "16",
                "--in", in.toString(), "--out", png.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("decoded interleaved 64x64").contains("16 bpp").contains(png.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(64);
        java.util.Set<Integer> colors = new java.util.HashSet<>();
        for (int wireRow = 0; wireRow < 64; wireRow++) {
            for (int x = 0; x < 64; x++) {
                int i = wireRow * 64 + x;
                int p = (expected[2 * i] & 0xFF) | (expected[2 * i + 1] & 0xFF) << 8;
                int want = widen(p >>> 11 & 0x1F, 5) << 16 | widen(p >>> 5 & 0x3F, 6) << 8 | widen(p & 0x1F, 5);
                int y = 63 - wireRow; // wire rows are bottom-up
                assertThat(image.getRGB(x, y) & 0xFFFFFF).as("pixel (%d,%d)", x, y).isEqualTo(want);
                colors.add(want);
            }
        }
        assertThat(colors).as("a tile with content, not a flat fill").hasSizeGreaterThan(2);
    }

    @Test
    void interleavedTileWithACompressedDataHeaderAndRawOutput() throws IOException {
        byte[] stream = CodecCommandTest.class.getResourceAsStream(TILE + "-compressed.bin").readAllBytes();
        byte[] withHeader = new byte[8 + stream.length];
        // TS_CD_HEADER: cbCompFirstRowSize 0, cbCompMainBodySize, cbScanWidth 128, cbUncompressedSize 8192.
        int[] fields = {0, stream.length, 128, 8192};
        for (int k = 0; k < 4; k++) {
            withHeader[2 * k] = (byte) fields[k];
            withHeader[2 * k + 1] = (byte) (fields[k] >>> 8);
        }
        System.arraycopy(stream, 0, withHeader, 8, stream.length);
        Path in = dir.resolve("with-header.bin");
        Files.write(in, withHeader);
        Path raw = dir.resolve("tile.raw");
        Path png = dir.resolve("tile.png");

        assertThat(run("codec", "decode", "--codec", "interleaved", "--width", "64", "--height", "64", "--bpp", "16",
                "--flags", "0x0001", "--in", in.toString(), "--out", raw.toString())).as(err.toString()).isZero();
        assertThat(run("codec", "decode", "--codec", "interleaved", "--width", "64", "--height", "64", "--bpp", "16",
                "--in", resource(TILE + "-compressed.bin", "plain.bin").toString(), "--out", png.toString())).isZero();

        byte[] xrgb = Files.readAllBytes(raw);
        assertThat(xrgb).hasSize(64 * 64 * 4);
        BufferedImage image = ImageIO.read(png.toFile());
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int i = 4 * (y * 64 + x);
                int argb = (xrgb[i + 3] & 0xFF) << 24 | (xrgb[i + 2] & 0xFF) << 16 | (xrgb[i + 1] & 0xFF) << 8 | (xrgb[i] & 0xFF);
                assertThat(argb).as("pixel (%d,%d)", x, y).isEqualTo(image.getRGB(x, y));
            }
        }
    }

    @Test
    void planarTopDownDecodesToItsExpectedImage() throws IOException {
        Path in = resource(PLANAR + ".bin", "planar.bin");
        BufferedImage expected;
        try (InputStream bmp = CodecCommandTest.class.getResourceAsStream(PLANAR + ".bmp")) {
            expected = ImageIO.read(bmp);
        }
        Path png = dir.resolve("planar.png");

        assertThat(run("codec", "decode", "--codec", "planar", "--width", "64", "--height", "35", "--top-down",
                "--in", in.toString(), "--out", png.toString())).as(err.toString()).isZero();

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(35);
        for (int y = 0; y < 35; y++) {
            for (int x = 0; x < 64; x++) {
                assertThat(image.getRGB(x, y) & 0xFFFFFF).as("pixel (%d,%d)", x, y).isEqualTo(expected.getRGB(x, y) & 0xFFFFFF);
            }
        }
    }

    @Test
    void mppcPayloadDecompressesToItsText() throws IOException {
        Path in = dir.resolve("bells.mppc");
        Files.write(in, BELLS_RDP5);
        Path raw = dir.resolve("bells.raw");

        assertThat(run("codec", "decode", "--codec", "mppc", "--flags", "0x61", "--in", in.toString(), "--out", raw.toString()))
                .as(err.toString()).isZero();

        assertThat(new String(Files.readAllBytes(raw), StandardCharsets.US_ASCII)).isEqualTo(BELLS);
        assertThat(out.toString()).contains("MPPC_64K").contains("to 49 bytes");
    }

    @Test
    void theFlagsTypeChoosesTheMppcTables() throws IOException {
        // The same RDP 5.0 bits read with the RDP 4.0 (8K) tables: the 24 literals agree, the copy tuples do not.
        Path in = dir.resolve("bells.mppc");
        Files.write(in, BELLS_RDP5);
        Path raw = dir.resolve("bells.raw");
        assertThat(run("codec", "decode", "--codec", "mppc", "--flags", "0x60", "--in", in.toString(), "--out", raw.toString()))
                .as(err.toString()).isZero();
        String text = new String(Files.readAllBytes(raw), StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("for.whom.the.bell.tolls,").isNotEqualTo(BELLS).hasSize(81);
        assertThat(out.toString()).contains("MPPC_8K");
    }

    @Test
    void missingInputFileIsAUsageErrorNamingIt() {
        Path missing = dir.resolve("nope.bin");
        assertThat(run("codec", "decode", "--codec", "mppc", "--in", missing.toString(), "--out", dir.resolve("o.raw").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--in " + missing + ": no such file");
        assertThat(dir.resolve("o.raw")).doesNotExist();
    }

    @Test
    void unknownCodecIsAUsageErrorListingTheCodecs() throws IOException {
        Path in = resource(TILE + "-compressed.bin", "tile.bin");
        assertThat(run("codec", "decode", "--codec", "rfx", "--in", in.toString(), "--out", dir.resolve("o.png").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--codec must be interleaved, planar, mppc, ncrush or xcrush, not 'rfx'");
    }

    @Test
    void bitmapCodecsNeedTheirSizeAndDepth() throws IOException {
        Path in = resource(TILE + "-compressed.bin", "tile.bin");
        String o = dir.resolve("o.png").toString();
        assertThat(run("codec", "decode", "--codec", "interleaved", "--bpp", "16", "--in", in.toString(), "--out", o)).isEqualTo(2);
        assertThat(err.toString()).contains("needs --width and --height");
        assertThat(run("codec", "decode", "--codec", "interleaved", "--width", "64", "--height", "64", "--in", in.toString(), "--out", o))
                .isEqualTo(2);
        assertThat(err.toString()).contains("needs --bpp 15, 16 or 24");
        assertThat(run("codec", "decode", "--codec", "interleaved", "--width", "64", "--height", "64", "--bpp", "8", "--in", in.toString(),
                "--out", o)).isEqualTo(2);
        assertThat(err.toString()).contains("session palette");
        assertThat(run("codec", "decode", "--codec", "planar", "--width", "0", "--height", "64", "--in", in.toString(), "--out", o))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--width 0 --height 64");
        assertThat(run("codec", "decode", "--codec", "interleaved", "--width", "64", "--height", "64", "--bpp", "16", "--in", in.toString(),
                "--out", dir.resolve("o.jpg").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--out must end in .png or .raw");
    }

    @Test
    void bulkCodecsRejectImageOptionsAndMismatchedFlags() throws IOException {
        Path in = dir.resolve("bells.mppc");
        Files.write(in, BELLS_RDP5);
        assertThat(run("codec", "decode", "--codec", "mppc", "--in", in.toString(), "--out", dir.resolve("o.png").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("decompresses to bytes, not an image");
        assertThat(run("codec", "decode", "--codec", "ncrush", "--flags", "0x61", "--in", in.toString(), "--out",
                dir.resolve("o.raw").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--flags 0x61 has compression type 1, which is not ncrush");
        assertThat(run("codec", "decode", "--codec", "xcrush", "--flags", "sixty", "--in", in.toString(), "--out",
                dir.resolve("o.raw").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--flags must be a number such as 0x61 or 97, not 'sixty'");
        assertThat(run("codec", "decode", "--codec", "mppc", "--width", "64", "--in", in.toString(), "--out",
                dir.resolve("o.raw").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("are for the bitmap codecs, not mppc");
    }

    @Test
    void wrongSizeForARawPlanarStreamIsTheDecodersError() throws IOException {
        // 64x35 AYCoCg RLE planes decoded as 64x64 run out of segments: the decoder names the plane.
        Path in = resource(PLANAR + ".bin", "planar.bin");
        Path png = dir.resolve("o.png");
        assertThat(run("codec", "decode", "--codec", "planar", "--width", "64", "--height", "64", "--top-down", "--in", in.toString(),
                "--out", png.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("porthole: cannot decode " + in + " as planar: RDP6_BITMAP_STREAM.");
        assertThat(png).doesNotExist();
    }

    @Test
    void malformedInterleavedStreamIsTheDecodersErrorNamingTheField() throws IOException {
        Path in = dir.resolve("bad.bin");
        Files.write(in, new byte[] {(byte) 0xF5}); // 0xF5 is not a compression order
        assertThat(run("codec", "decode", "--codec", "interleaved", "--width", "8", "--height", "8", "--bpp", "24", "--in", in.toString(),
                "--out", dir.resolve("o.png").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("porthole: cannot decode").contains("RLE_BITMAP_STREAM.orderHeader: 0xf5 is not a compression order");
    }

    @Test
    void compressedDataHeaderThatDisagreesWithThePayloadIsReported() throws IOException {
        Path in = dir.resolve("short.bin");
        Files.write(in, new byte[] {0, 0, 99, 0, 0, 1, 0, 32, 1, 2});
        assertThat(run("codec", "decode", "--codec", "interleaved", "--width", "8", "--height", "8", "--bpp", "16", "--flags", "1",
                "--in", in.toString(), "--out", dir.resolve("o.png").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("TS_CD_HEADER.cbCompMainBodySize: 99 but 2 bytes follow the header");
        assertThat(run("codec", "decode", "--codec", "interleaved", "--width", "8", "--height", "8", "--bpp", "16", "--flags", "0x0400",
                "--in", in.toString(), "--out", dir.resolve("o.png").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("lacks BITMAP_COMPRESSION");
    }

    @Test
    void truncatedBulkPayloadIsTheDecompressorsError() throws IOException {
        Path in = dir.resolve("cut.ncrush");
        Files.write(in, new byte[] {1, 2});
        assertThat(run("codec", "decode", "--codec", "ncrush", "--in", in.toString(), "--out", dir.resolve("o.raw").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("porthole: cannot decode " + in + " as ncrush: ");
    }

    @Test
    void unwritableOutputIsReported() throws IOException {
        Path in = dir.resolve("bells.mppc");
        Files.write(in, BELLS_RDP5);
        Path out = dir.resolve("no-such-dir").resolve("o.raw");
        assertThat(run("codec", "decode", "--codec", "mppc", "--flags", "0x61", "--in", in.toString(), "--out", out.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("cannot write " + out + ": its directory does not exist");
    }

    @Test
    void helpDescribesTheOutputs() {
        assertThat(run("codec", "decode", "--help")).isZero();
        assertThat(out.toString()).contains("--codec").contains("XRGB8888").contains("--top-down").contains("TS_CD_HEADER");
    }
}
