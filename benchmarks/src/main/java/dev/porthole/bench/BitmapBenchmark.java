package dev.porthole.bench;

import java.util.concurrent.TimeUnit;

import dev.porthole.bench.InputFiles.BitmapInput;
import dev.porthole.bench.InputFiles.Tile;
import dev.porthole.rdp.protocol.codec.interleaved.ColorDepth;
import dev.porthole.rdp.protocol.codec.interleaved.InterleavedDecoder;
import dev.porthole.rdp.protocol.codec.planar.PlanarDecoder;
import dev.porthole.rdp.protocol.surface.Rect;
import dev.porthole.rdp.protocol.surface.Surface;
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
 * Decode throughput of the bitmap codecs: one operation decodes every tile of an input file into a
 * frame-sized {@link Surface} (bitmap-update orientation: bottom-up), through the same public calls
 * the session uses ({@code InterleavedDecoder.decode}, {@code PlanarDecoder.decode}), including the
 * conversion to 0xAARRGGBB, the flip and the damage bookkeeping. The report turns operations per
 * second into megapixels per second with the input's pixel count (inputs.tsv).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public abstract class BitmapBenchmark {

    @Param({"heap", "direct"})
    public String buffer;

    private ByteBuf[] sources;
    private Tile[] tiles;
    private Rect[] rects;
    private Surface surface;

    abstract String codec();

    abstract String input();

    @Setup(Level.Trial)
    public void load() {
        BitmapInput input = InputFiles.readBitmap(InputFiles.directory().resolve(codec() + "-" + input() + ".bitmap"));
        tiles = input.tiles().toArray(Tile[]::new);
        sources = new ByteBuf[tiles.length];
        rects = new Rect[tiles.length];
        for (int i = 0; i < tiles.length; i++) {
            sources[i] = BenchmarkBuffers.of(tiles[i].data(), buffer);
            rects[i] = new Rect(tiles[i].x(), tiles[i].y(), tiles[i].width(), tiles[i].height());
        }
        surface = new Surface(input.frameWidth(), input.frameHeight());
        loaded(input);
    }

    /** Called at the end of the trial setup, once the input is loaded. */
    void loaded(BitmapInput in) {}

    @TearDown(Level.Trial)
    public void release() {
        for (ByteBuf b : sources) {
            b.release();
        }
    }

    int decodeFrame(InterleavedDecoder decoder, ColorDepth depth) {
        for (int i = 0; i < tiles.length; i++) {
            ByteBuf src = sources[i];
            src.readerIndex(0);
            decoder.decode(src, tiles[i].width(), tiles[i].height(), depth, null, surface, rects[i]);
        }
        return surface.takeDamage().size();
    }

    int decodeFrame(PlanarDecoder decoder) {
        for (int i = 0; i < tiles.length; i++) {
            ByteBuf src = sources[i];
            src.readerIndex(0);
            decoder.decode(src, tiles[i].width(), tiles[i].height(), true, surface, rects[i]);
        }
        return surface.takeDamage().size();
    }

    /** Interleaved RLE (MS-RDPBCGR 2.2.9.1.1.3.1.2.4). */
    public static class Interleaved extends BitmapBenchmark {
        @Param({"screen-16bpp", "screen-24bpp", "vectors-16bpp", "vectors-24bpp"})
        public String input;

        private final InterleavedDecoder decoder = new InterleavedDecoder();
        private ColorDepth depth;

        @Override
        String codec() {
            return "interleaved";
        }

        @Override
        String input() {
            return input;
        }

        @Override
        void loaded(BitmapInput in) {
            depth = ColorDepth.of(in.bpp());
        }

        @Benchmark
        public int decode() {
            return decodeFrame(decoder, depth);
        }
    }

    /** RDP 6.0 planar (MS-RDPEGDI 2.2.2.5.1). */
    public static class Planar extends BitmapBenchmark {
        @Param({"screen-raw", "screen-rle", "screen-aycocg", "vectors"})
        public String input;

        private final PlanarDecoder decoder = new PlanarDecoder();

        @Override
        String codec() {
            return "planar";
        }

        @Override
        String input() {
            return input;
        }

        @Benchmark
        public int decode() {
            return decodeFrame(decoder);
        }
    }
}
