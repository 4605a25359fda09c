package dev.porthole.bench;

import java.util.concurrent.TimeUnit;

import dev.porthole.bench.InputFiles.BulkInput;
import dev.porthole.rdp.protocol.bulk.BulkDecompressor;
import io.netty.buffer.ByteBuf;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulk decompression throughput: one operation decompresses every payload of an input file in
 * order through one {@link BulkDecompressor} (one connection's history), each into a reused output
 * buffer, as the session does (the output is copied out of the history into that buffer). The
 * input's first payload resets the history, so operations repeat back to back. The report turns
 * operations per second into MB/s (10^6 bytes) of output with the input's output size (inputs.tsv).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class BulkBenchmark {

    @Param({"mppc8k", "mppc64k", "ncrush", "xcrush"})
    public String algorithm;

    @Param({"screen-rle16", "screen-raw24", "vectors"})
    public String input;

    @Param({"heap", "direct"})
    public String buffer;

    private ByteBuf[] payloads;
    private int[] flags;
    private ByteBuf out;
    private BulkDecompressor bulk;

    @Setup(Level.Trial)
    public void load() {
        BulkInput in = InputFiles.readBulk(InputFiles.directory().resolve(algorithm + "-" + input + ".bulk"));
        payloads = new ByteBuf[in.packets().size()];
        flags = new int[payloads.length];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = BenchmarkBuffers.of(in.packets().get(i).payload(), buffer);
            flags[i] = in.packets().get(i).flags();
        }
        out = BenchmarkBuffers.output(BulkDecompressor.DEFAULT_MAX_OUTPUT, buffer);
        bulk = PortholeDecode.decompressor();
        // One checked pass: the sizes must add up to what the generator recorded.
        long total = decompressAll();
        if (total != in.outputBytes()) {
            throw new IllegalStateException(algorithm + " " + input + ": " + total + " bytes out, expected " + in.outputBytes());
        }
    }

    @TearDown(Level.Trial)
    public void release() {
        for (ByteBuf b : payloads) {
            b.release();
        }
        out.release();
    }

    @Benchmark
    public long decompressAll() {
        long total = 0;
        for (int i = 0; i < payloads.length; i++) {
            ByteBuf src = payloads[i];
            src.readerIndex(0);
            out.clear();
            total += bulk.decompress(src, flags[i], out);
        }
        return total;
    }
}
