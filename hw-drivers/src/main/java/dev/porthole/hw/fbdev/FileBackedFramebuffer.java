package dev.porthole.hw.fbdev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.porthole.hw.HwException;

/**
 * A fake framebuffer over a memory-mapped file, for tests and for development without a panel. It
 * keeps the kernel's rules that matter to callers: a line length that may exceed the visible width
 * (padding), a memory limit that decides whether a virtual height for double buffering fits, and pan
 * offsets that must stay inside the virtual screen. Every pan and blank is recorded.
 */
public final class FileBackedFramebuffer implements Framebuffer {

    private final Path file;
    private final int memoryLimit;
    private final int linePadding;
    private final UnaryOperator<FbVarScreenInfo> modePolicy;
    private FbVarScreenInfo var;
    private FbFixScreenInfo fix;
    private MappedByteBuffer memory;
    private final List<Integer> pans = new ArrayList<>();
    private final List<Boolean> blanks = new ArrayList<>();

    private FileBackedFramebuffer(Path file, FbVarScreenInfo initial, int linePadding, int memoryLimit,
                                  UnaryOperator<FbVarScreenInfo> modePolicy) {
        this.file = file;
        this.linePadding = linePadding;
        this.memoryLimit = memoryLimit;
        this.modePolicy = modePolicy;
        apply(initial);
    }

    /**
     * A fake panel in {@code file} with mode {@code initial}; each line is padded by {@code linePadding}
     * bytes; the memory may not exceed {@code memoryLimit} bytes.
     */
    public static FileBackedFramebuffer create(Path file, FbVarScreenInfo initial, int linePadding, int memoryLimit) {
        return new FileBackedFramebuffer(file, initial, linePadding, memoryLimit, UnaryOperator.identity());
    }

    /**
     * Like {@link #create} but every requested mode first passes {@code modePolicy}, which may adjust it
     * (as drivers do) or throw an {@link HwException} to refuse it.
     */
    public static FileBackedFramebuffer create(Path file, FbVarScreenInfo initial, int linePadding, int memoryLimit,
                                               UnaryOperator<FbVarScreenInfo> modePolicy) {
        return new FileBackedFramebuffer(file, initial, linePadding, memoryLimit, modePolicy);
    }

    private void apply(FbVarScreenInfo v) {
        int line = v.xresVirtual() * (v.bitsPerPixel() / 8) + linePadding;
        long size = (long) line * v.yresVirtual();
        if (size > memoryLimit) {
            throw new HwException(HwException.Kind.UNSUPPORTED, "ioctl FBIOPUT_VSCREENINFO on " + name()
                    + " failed: EINVAL (" + size + " bytes needed, " + memoryLimit + " available)");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.truncate(0);
            ch.write(ByteBuffer.allocate(1), size - 1);
            memory = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            memory.order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map fake framebuffer " + file, e);
        }
        var = v.withYoffset(0);
        fix = new FbFixScreenInfo("porthole-fake", (int) size, FbFixScreenInfo.TYPE_PACKED_PIXELS,
                FbFixScreenInfo.VISUAL_TRUECOLOR, 1, line);
    }

    @Override
    public String name() {
        return "fake-fb:" + file.getFileName();
    }

    /** The backing file. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized FbVarScreenInfo variable() {
        return var;
    }

    @Override
    public synchronized FbFixScreenInfo fixed() {
        return fix;
    }

    @Override
    public synchronized FbVarScreenInfo setVariable(FbVarScreenInfo requested) {
        FbVarScreenInfo adjusted = modePolicy.apply(requested);
        apply(adjusted);
        return var;
    }

    @Override
    public synchronized ByteBuffer memory() {
        return memory.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public synchronized void showPage(int page) {
        int yoffset = pageOffset(page) / fix.lineLength();
        var = var.withYoffset(yoffset);
        pans.add(yoffset);
    }

    @Override
    public synchronized void blank(boolean blanked) {
        blanks.add(blanked);
    }

    /** Every yoffset panned to, in order. */
    public synchronized List<Integer> pans() {
        return List.copyOf(pans);
    }

    /** Every blank request, in order. */
    public synchronized List<Boolean> blanks() {
        return List.copyOf(blanks);
    }

    /** The raw pixel value ({@code bpp/8} bytes, little-endian) at ({@code x}, {@code y}) of the visible page. */
    public synchronized int visiblePixel(int x, int y) {
        int at = (var.yoffset() + y) * fix.lineLength() + x * (var.bitsPerPixel() / 8);
        return switch (var.bitsPerPixel()) {
            case 16 -> Short.toUnsignedInt(memory.getShort(at));
            case 24 -> (memory.get(at) & 0xff) | (memory.get(at + 1) & 0xff) << 8 | (memory.get(at + 2) & 0xff) << 16;
            default -> memory.getInt(at);
        };
    }

    @Override
    public synchronized void close() {
        memory = null;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file; the test directory goes away anyway
        }
    }
}
