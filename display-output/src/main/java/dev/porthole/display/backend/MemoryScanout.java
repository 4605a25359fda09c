package dev.porthole.display.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import dev.porthole.display.Mode;
import dev.porthole.display.convert.PixelFormat;

/**
 * A panel that is one XRGB8888 buffer in Java memory with a fixed mode: what the headless and window
 * backends have in common. Subclasses decide what showing a frame means.
 */
abstract class MemoryScanout implements Scanout {

    private final Mode mode;
    /** The single buffer the presentation thread draws into (little-endian XRGB8888, stride = width * 4). */
    protected final ByteBuffer memory;

    MemoryScanout(int width, int height) {
        this.mode = new Mode(width, height, 60);
        this.memory = ByteBuffer.allocate(width * height * 4).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public final Mode mode() {
        return mode;
    }

    @Override
    public final List<Mode> modes() {
        return List.of(mode);
    }

    @Override
    public final PixelFormat format() {
        return PixelFormat.XRGB8888;
    }

    @Override
    public final int stride() {
        return mode.width() * 4;
    }

    @Override
    public final int bufferCount() {
        return 1;
    }

    @Override
    public final ByteBuffer buffer(int index) {
        return memory;
    }

    @Override
    public final int backBuffer() {
        return 0;
    }
}
