package dev.porthole.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Where a benchmark's compressed input lives: {@code heap} (a wrapped {@code byte[]}) or
 * {@code direct} (off-heap, as Netty's default pooled allocator hands socket reads to the decode
 * path on Linux). The decoders read through {@link ByteBuf} either way.
 */
final class BenchmarkBuffers {

    private BenchmarkBuffers() {}

    static ByteBuf of(byte[] data, String kind) {
        return switch (kind) {
            case "heap" -> Unpooled.wrappedBuffer(data);
            case "direct" -> {
                ByteBuf b = Unpooled.directBuffer(data.length);
                b.writeBytes(data);
                yield b;
            }
            default -> throw new IllegalArgumentException("buffer must be heap or direct, not " + kind);
        };
    }

    static ByteBuf output(int capacity, String kind) {
        return kind.equals("direct") ? Unpooled.directBuffer(capacity) : Unpooled.buffer(capacity);
    }
}
