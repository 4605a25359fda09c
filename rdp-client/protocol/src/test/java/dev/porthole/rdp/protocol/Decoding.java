package dev.porthole.rdp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Test helpers: decode from a byte array into a released buffer, optionally requiring every byte consumed. */
public final class Decoding {

    private Decoding() {}

    public static <T> T decode(byte[] bytes, Function<ByteBuf, T> decoder) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return decoder.apply(buf);
        } finally {
            buf.release();
        }
    }

    /** Decodes and asserts that the decoder consumed all of {@code bytes}. */
    public static <T> T decodeAll(byte[] bytes, Function<ByteBuf, T> decoder) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            T value = decoder.apply(buf);
            assertThat(buf.readableBytes()).as("bytes left after decoding").isZero();
            return value;
        } finally {
            buf.release();
        }
    }

    /**
     * Fuzz oracle for codecs: when {@code decoder} accepts the input, encoding the result and decoding
     * that again must give an equal value (decoders may drop padding, so the bytes can differ). Only
     * RdpException may escape the decoder; the encoder must not fail on a decoded value.
     */
    public static <T> void fuzzStable(byte[] data, java.util.function.Function<ByteBuf, T> decoder,
                                      java.util.function.BiConsumer<T, ByteBuf> encoder) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            T first;
            try {
                first = decoder.apply(buf);
            } catch (RdpException expected) {
                return;
            }
            ByteBuf again = Unpooled.buffer();
            try {
                encoder.accept(first, again);
                T second = decoder.apply(again);
                if (!java.util.Objects.equals(first, second)) {
                    throw new AssertionError("decode(encode(decode(x))) != decode(x): " + first + " vs " + second);
                }
            } finally {
                again.release();
            }
        } finally {
            buf.release();
        }
    }

    /** Runs {@code decoder} on fuzz input: any RdpException is fine, anything else fails the target. */
    public static void fuzz(byte[] data, java.util.function.Consumer<ByteBuf> decoder) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            decoder.accept(buf);
        } catch (RdpException expected) {
            // the only acceptable failure for bad input
        } finally {
            buf.release();
        }
    }
}
