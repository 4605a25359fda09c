package dev.porthole.display.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.porthole.display.surface.Surface;
import dev.porthole.testbed.qemu.Ppm;

/** Guest side of the screendump handshake with {@link dev.porthole.testbed.qemu.QemuVm}. */
final class GuestScreens {

    private GuestScreens() {}

    static Path share() {
        String s = System.getProperty("porthole.vm.share");
        if (s == null) {
            throw new IllegalStateException("porthole.vm.share is not set: guest tests run inside the QEMU guest only (RealKernelTest)");
        }
        return Path.of(s);
    }

    /**
     * Saves {@code expected} as {@code <name>.expected.ppm}, asks the host for a screendump of the
     * emulated screen as {@code <name>.ppm} and waits until it is taken. A device may show a frame a
     * little after the ioctl that presented it returned (fbdev emulation flushes its shadow buffer from
     * a worker), so when the dump does not equal {@code expected} yet, it is taken again, up to
     * {@value #ATTEMPTS} times; the host compares the last one pixel for pixel either way.
     */
    static void screendump(String name, Surface expected) throws InterruptedException {
        Path share = share();
        int[] rgb = new int[expected.width() * expected.height()];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = expected.pixels()[i] & 0xffffff;
        }
        Ppm want = new Ppm(expected.width(), expected.height(), rgb);
        want.write(share.resolve(name + ".expected.ppm"));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            requestAndWait(share, name);
            Ppm got = Ppm.read(share.resolve(name + ".ppm"));
            if (got.width() == want.width() && got.height() == want.height() && java.util.Arrays.equals(got.rgb(), want.rgb())) {
                System.out.println("screendump " + name + " equals the expected frame at attempt " + attempt);
                return;
            }
            Thread.sleep(200);
        }
        System.out.println("screendump " + name + " still differs from the expected frame after " + ATTEMPTS + " attempts");
    }

    static final int ATTEMPTS = 10;

    private static void requestAndWait(Path share, String name) throws InterruptedException {
        Path done = share.resolve(name + ".screendump-done");
        try {
            Files.deleteIfExists(done);
            Files.writeString(share.resolve(name + ".screendump-request"), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long end = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(done)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the host took no screendump '" + name + "' within 60 s");
            }
            Thread.sleep(50);
        }
    }

    /** A test pattern: colour ramps, a grid, and a marker in each corner, different per {@code salt}. */
    static Surface pattern(int w, int h, int salt) {
        Surface s = new Surface(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 255 / Math.max(1, w - 1) + salt) & 0xff;
                int g = (y * 255 / Math.max(1, h - 1)) & 0xff;
                int b = ((x / 32 + y / 32) % 2 == 0) ? 0x40 + salt : 0xc0 - salt;
                s.set(x, y, r << 16 | g << 8 | (b & 0xff));
            }
        }
        s.fill(new dev.porthole.display.surface.Rect(0, 0, 16, 16), 0xffffff);
        s.fill(new dev.porthole.display.surface.Rect(w - 16, 0, 16, 16), 0xff0000);
        s.fill(new dev.porthole.display.surface.Rect(0, h - 16, 16, 16), 0x00ff00);
        s.fill(new dev.porthole.display.surface.Rect(w - 16, h - 16, 16, 16), 0x0000ff);
        return s;
    }
}
