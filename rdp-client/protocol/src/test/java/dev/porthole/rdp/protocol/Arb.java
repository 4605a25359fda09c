package dev.porthole.rdp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Shared jqwik generators and the round-trip check used by the property tests. */
public final class Arb {

    private Arb() {}

    public static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xFF);
    }

    public static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    public static Arbitrary<Integer> i32() {
        return Arbitraries.integers();
    }

    public static Arbitrary<Bytes> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(Bytes::of);
    }

    public static Arbitrary<Bytes> bytes(int exactly) {
        return bytes(exactly, exactly);
    }

    /** Heap buffers that need no release. */
    public static Arbitrary<ByteBuf> buf(int max) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(max).map(Unpooled::wrappedBuffer);
    }

    /** Text without NUL, mixing ASCII, Latin-1, BMP characters and (possibly unpaired) surrogates. */
    public static Arbitrary<String> text(int maxChars) {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().withChars(" .-\\:").ofMaxLength(maxChars),
                Arbitraries.strings().withCharRange((char) 1, (char) 0xFFFF).ofMaxLength(maxChars));
    }

    /** Text Windows-1252 can encode (no NUL). */
    public static Arbitrary<String> ansi(int maxChars) {
        return Arbitraries.strings().withCharRange((char) 0x20, (char) 0x7E).withChars("\u00e4\u00f6\u00fc\u00df\u20ac")
                .ofMaxLength(maxChars);
    }

    /**
     * Encodes {@code value}, checks the length against {@code size}, decodes it back with {@code decoder}
     * (which must consume every byte) and compares inside the decode, since decoded payloads may be
     * slices of the buffer.
     */
    public static <T> void roundTrip(T value, Consumer<ByteBuf> encoder, int size, Function<ByteBuf, T> decoder) {
        byte[] bytes = HexVectors.encode(encoder);
        assertThat(bytes).as("encoded size of " + value).hasSize(size);
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            T back = decoder.apply(buf);
            assertThat(back).isEqualTo(value);
            assertThat(buf.readableBytes()).as("bytes left").isZero();
        } finally {
            buf.release();
        }
    }

    /** A list of {@code n} items from {@code item} indexed 0..n-1. */
    public static <T> java.util.List<T> list(int n, IntFunction<T> item) {
        java.util.List<T> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(item.apply(i));
        }
        return out;
    }
}
