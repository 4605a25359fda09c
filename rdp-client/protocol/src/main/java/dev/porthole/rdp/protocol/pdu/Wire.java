package dev.porthole.rdp.protocol.pdu;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/**
 * Bounds checks shared by the decoders: every read of untrusted bytes first asks for the bytes it
 * needs, so truncation becomes a {@link RdpException.Kind#MALFORMED} error naming the field instead
 * of an {@code IndexOutOfBoundsException}.
 */
public final class Wire {

    private Wire() {}

    /** Fails unless {@code in} has at least {@code n} readable bytes for {@code pdu.field}. */
    public static void need(ByteBuf in, int n, String pdu, String field) {
        if (n < 0 || in.readableBytes() < n) {
            throw RdpException.malformed(pdu, field, "needs " + n + " bytes, " + in.readableBytes() + " left");
        }
    }

    /**
     * Builds a decoded value: constructor validation failures ({@link RdpException.Kind#ARGUMENT})
     * become {@link RdpException.Kind#MALFORMED}, because the bad value came from the peer.
     */
    public static <T> T decoded(java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (RdpException e) {
            if (e.kind() == RdpException.Kind.ARGUMENT) {
                throw new RdpException(RdpException.Kind.MALFORMED, e.getMessage(), e);
            }
            throw e;
        }
    }

    /** Fails when a caller-supplied value does not fit {@code bits} unsigned bits. */
    public static int requireUnsigned(long value, int bits, String pdu, String field) {
        if (value < 0 || value >= (1L << bits)) {
            throw RdpException.argument(pdu, field, value + " does not fit " + bits + " unsigned bits");
        }
        return (int) value;
    }
}
