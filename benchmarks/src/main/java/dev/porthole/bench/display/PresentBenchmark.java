package dev.porthole.bench.display;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

import dev.porthole.bench.ScreenImage;
import dev.porthole.display.backend.FbdevScanout;
import dev.porthole.display.backend.PresentingDisplay;
import dev.porthole.display.convert.FrameWriter;
import dev.porthole.display.convert.PixelFormat;
import dev.porthole.display.convert.Rotation;
import dev.porthole.display.convert.Scaling;
import dev.porthole.display.surface.Rect;
import dev.porthole.display.surface.Surface;
import dev.porthole.hw.fbdev.Bitfield;
import dev.porthole.hw.fbdev.FbVarScreenInfo;
import dev.porthole.hw.fbdev.FileBackedFramebuffer;

/**
 * Presentation throughput of display-output on a 1920x1080 desktop, into a memory-mapped file
 * framebuffer (hw-drivers' {@code FileBackedFramebuffer}, the fbdev fake: no device), per panel pixel
 * format and rotation, for the damage sets of {@link DamageSets}. One operation handles one damage set:
 *
 * <ul>
 *   <li>{@code memcpy}: the physical limit. For every damaged panel rectangle, each of its lines is
 *       copied with {@link MemorySegment#copy} from the surface into the framebuffer: the same number
 *       of bytes the conversion writes, to the same places, with no conversion at all.</li>
 *   <li>{@code convert}: {@link FrameWriter#write} of every damaged rectangle, as the presentation
 *       thread calls it: rotation, pixel-format encoding, line stride.</li>
 *   <li>{@code present}: the whole path of {@link PresentingDisplay}: {@code present()} copies the
 *       damage into the staging surface, the presentation thread converts it into the (single-page)
 *       framebuffer, and the operation ends when {@code awaitIdle} returns.</li>
 * </ul>
 *
 * The report (benchmarks/run-present.sh, {@link PresentReport}) puts each {@code convert} and
 * {@code present} next to the {@code memcpy} of the same format, rotation and damage.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PresentBenchmark {

    @Param({"XRGB8888", "XBGR8888", "RGB888", "BGR888", "RGB565", "BGR565"})
    public String format;

    @Param({"0", "90", "180", "270"})
    public int rotation;

    @Param({"full", "cursor-blink", "typing-line", "window-drag", "video"})
    public String damage;

    private Path dir;
    private FileBackedFramebuffer fb;
    private PresentingDisplay display;
    private Surface surface;
    private FrameWriter writer;
    private PixelFormat pixelFormat;
    private List<Rect> rects;
    private Rect[] panelRects;
    private MemorySegment source;
    private MemorySegment target;
    private ByteBuffer targetBuffer;
    private int stride;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        pixelFormat = pixelFormat(format);
        Rotation rot = Rotation.ofDegrees(rotation);
        int pw = rot.swapsAxes() ? DamageSets.HEIGHT : DamageSets.WIDTH;
        int ph = rot.swapsAxes() ? DamageSets.WIDTH : DamageSets.HEIGHT;
        dir = Files.createTempDirectory("porthole-present-bench");
        FbVarScreenInfo mode = FbVarScreenInfo.of(pw, ph, ph, pixelFormat.bytesPerPixel() * 8,
                Bitfield.of(pixelFormat.redShift(), pixelFormat.redBits()),
                Bitfield.of(pixelFormat.greenShift(), pixelFormat.greenBits()),
                Bitfield.of(pixelFormat.blueShift(), pixelFormat.blueBits()));
        int bytes = pw * pixelFormat.bytesPerPixel() * ph;
        fb = FileBackedFramebuffer.create(dir.resolve("fb0"), mode, 0, bytes);
        FbdevScanout scanout = new FbdevScanout(fb, false);
        if (!scanout.format().equals(pixelFormat)) {
            throw new IllegalStateException("framebuffer format " + scanout.format() + ", wanted " + pixelFormat);
        }
        stride = scanout.stride();
        targetBuffer = scanout.buffer(0);
        target = MemorySegment.ofBuffer(targetBuffer);
        surface = Surface.wrap(DamageSets.WIDTH, DamageSets.HEIGHT, ScreenImage.render(DamageSets.WIDTH, DamageSets.HEIGHT, 7));
        source = MemorySegment.ofArray(surface.pixels());
        writer = new FrameWriter(DamageSets.WIDTH, DamageSets.HEIGHT, pw, ph, rot, Scaling.FIT);
        rects = DamageSets.of(damage);
        panelRects = rects.stream().map(writer::toPanel).toArray(Rect[]::new);
        display = new PresentingDisplay(scanout, rot, Scaling.FIT);
        display.present(surface, List.of(surface.bounds()));
        if (!display.awaitIdle(Duration.ofSeconds(30))) {
            throw new IllegalStateException("first frame not presented");
        }
    }

    /** The formats by name (the fbdev bitfields of each are what the fake framebuffer reports). */
    static PixelFormat pixelFormat(String name) {
        return switch (name) {
            case "XRGB8888" -> PixelFormat.XRGB8888;
            case "XBGR8888" -> PixelFormat.XBGR8888;
            case "RGB888" -> PixelFormat.RGB888;
            case "BGR888" -> PixelFormat.BGR888;
            case "RGB565" -> PixelFormat.RGB565;
            case "BGR565" -> PixelFormat.BGR565;
            default -> throw new IllegalArgumentException("pixel format " + name);
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        display.close();
        try {
            Files.deleteIfExists(dir.resolve("fb0"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same bytes as {@link #convert} writes, copied line by line without conversion. */
    @Benchmark
    public MemorySegment memcpy() {
        int bpp = pixelFormat.bytesPerPixel();
        int sw = DamageSets.WIDTH * 4;
        for (Rect p : panelRects) {
            long len = (long) p.width() * bpp;
            for (int y = p.y(); y < p.bottom(); y++) {
                // a source line of the surface (wrapping to row 0 where the rotated panel is taller than the surface)
                long from = (long) (y % DamageSets.HEIGHT) * sw + (long) Math.min(p.x(), DamageSets.WIDTH - p.width()) * 4;
                MemorySegment.copy(source, from, target, (long) y * stride + (long) p.x() * bpp, len);
            }
        }
        return target;
    }

    /** The conversion as the presentation thread calls it. */
    @Benchmark
    public ByteBuffer convert() {
        for (Rect p : panelRects) {
            writer.write(surface.pixels(), p, targetBuffer, 0, stride, pixelFormat, null);
        }
        return targetBuffer;
    }

    /** present() and the presentation thread, until the frame is in the framebuffer. */
    @Benchmark
    public long present() {
        display.present(surface, rects);
        if (!display.awaitIdle(Duration.ofSeconds(10))) {
            throw new IllegalStateException("frame not presented within 10 s");
        }
        return display.framesShown();
    }
}
