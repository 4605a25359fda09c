package dev.porthole.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.porthole.bench.InputFiles.BitmapInput;
import dev.porthole.bench.InputFiles.BulkInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark inputs, made small (320x200): every file the manifest names reads back, decodes
 * with Porthole as the benchmarks will, and bulk passes repeat. No timing is measured here.
 */
class GenerateInputsTest {

    @TempDir
    Path dir;

    @Test
    void everyInputOfTheManifestReadsBackAndDecodes() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new GenerateInputs(dir, 320, 200, new PrintStream(log, true, StandardCharsets.UTF_8)).run();

        List<String> manifest = Files.readAllLines(dir.resolve("inputs.tsv"));
        assertThat(manifest).hasSize(20);
        for (String line : manifest) {
            String[] f = line.split("\t");
            assertThat(f).as(line).hasSize(7);
            Path file = dir.resolve(f[2]);
            if (f[4].equals("Mpx")) {
                BitmapInput in = InputFiles.readBitmap(file);
                assertThat(in.pixels()).as(line).isEqualTo(Long.parseLong(f[3]));
                assertThat(PortholeDecode.frame(in).width()).isEqualTo(in.frameWidth());
            } else {
                BulkInput in = InputFiles.readBulk(file);
                var bulk = PortholeDecode.decompressor();
                for (int pass = 0; pass < 2; pass++) {
                    byte[] out = PortholeDecode.pass(bulk, in);
                    assertThat(out.length).as(line).isEqualTo(in.outputBytes());
                    assertThat(InputFiles.fnv1a64(InputFiles.FNV_OFFSET, out, 0, out.length)).as(line).isEqualTo(in.outputFnv1a64());
                }
            }
        }
        assertThat(manifest).anySatisfy(l -> assertThat(l).startsWith("interleaved\tscreen-16bpp\tinterleaved-screen-16bpp.bitmap\t64000\t"));
        assertThat(manifest).anySatisfy(l -> assertThat(l).startsWith("xcrush\tscreen-raw24\txcrush-screen-raw24.bulk\t"));
    }

    @Test
    void theScreenIsTheSameEveryTime() {
        assertThat(ScreenImage.render(320, 200, 1)).isEqualTo(ScreenImage.render(320, 200, 1)).isNotEqualTo(ScreenImage.render(320, 200, 2));
    }

    @Test
    void frameComparisonReportsPerChannelDifferences() {
        int[] argb = {0xFF102030, 0xFF405060};
        byte[] same = {0x30, 0x20, 0x10, 0, 0x60, 0x50, 0x40, 0};
        byte[] greener = {0x30, 0x24, 0x10, 0, 0x60, 0x50, 0x40, 0};
        assertThat(CompareFrames.compare(argb, same)).isEqualTo("identical (2 pixels)");
        assertThat(CompareFrames.compare(argb, greener)).isEqualTo("1 of 2 pixels differ (50.00%), max difference red 0, green 4, blue 0");
        assertThat(CompareFrames.compare(argb, new byte[4])).startsWith("size differs");
    }

    @Test
    void reportJoinsJmhAndFreeRdpRatesInTheInputsUnits() throws IOException {
        Files.writeString(dir.resolve("inputs.tsv"), "planar\tscreen-rle\tplanar-screen-rle.bitmap\t2000000\tMpx\t123\tdesktop\n"
                + "mppc64k\tvectors\tmppc64k-vectors.bulk\t50000\tMB\t456\tbells\n");
        Files.writeString(dir.resolve("jmh-a.csv"), """
                "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: algorithm","Param: buffer","Param: input"
                "dev.porthole.bench.BitmapBenchmark.Planar.decode","thrpt",1,5,20.000000,1.000000,"ops/s",,heap,screen-rle
                "dev.porthole.bench.BulkBenchmark.decompressAll","thrpt",1,5,1000.000000,10.000000,"ops/s",mppc64k,direct,vectors
                """);
        Files.writeString(dir.resolve("freerdp.tsv"), "planar\tscreen-rle\tf.bitmap\t80.0\t2.0\t79\t81\n"
                + "mppc64k\tvectors\tf.bulk\t4000.0\t40.0\t4000\n");
        Files.writeString(dir.resolve("load.tsv"), "planar\tscreen-rle\t1.50\nmppc64k\tvectors\t2.25\n");
        Files.writeString(dir.resolve("frames.tsv"), "planar-screen-rle.bitmap\tidentical (2000000 pixels)\n");

        String report = Report.render(dir);

        assertThat(report).contains("| planar | screen-rle | 40.0 ± 2.00 Mpx/s | n/a | 160 ± 4.00 Mpx/s | 0.25 | n/a | 1.50 |");
        assertThat(report).contains("| mppc64k | vectors | n/a | 50.0 ± 0.50 MB/s | 200 ± 2.00 MB/s | n/a | 0.25 | 2.25 |");
        assertThat(report).contains("frame vs FreeRDP: identical (2000000 pixels)");
    }
}
