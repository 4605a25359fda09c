package dev.porthole.rdp.protocol.pdu.rdp;

import java.util.Arrays;
import java.util.HexFormat;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * An immutable run of bytes with value equality, for the small opaque fields of the RDP PDUs (randoms,
 * signatures, MACs, licensing blobs, codec properties) that outlive the packet they came in. Large
 * payloads that a codec consumes right away (bitmaps, surface bits) stay as {@link ByteBuf} slices.
 */
public final class Bytes {

    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static Bytes of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** {@code n} zero bytes. */
    public static Bytes zeros(int n) {
        return new Bytes(new byte[n]);
    }

    /** Parses hex digits (whitespace ignored), for tests and constants. */
    public static Bytes ofHex(String hex) {
        return new Bytes(HexFormat.of().parseHex(hex.replaceAll("\\s+", "")));
    }

    /** Reads {@code n} bytes for {@code pdu.field}, failing as MALFORMED when fewer are readable. */
    public static Bytes read(ByteBuf in, int n, String pdu, String field) {
        Wire.need(in, n, pdu, field);
        byte[] b = new byte[n];
        in.readBytes(b);
        return new Bytes(b);
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public byte get(int index) {
        return bytes[index];
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public void writeTo(ByteBuf out) {
        out.writeBytes(bytes);
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Hex for short values, a length for long ones. Records holding secrets override their own toString. */
    @Override
    public String toString() {
        return bytes.length <= 32 ? "0x" + toHex() : bytes.length + " bytes";
    }
}
