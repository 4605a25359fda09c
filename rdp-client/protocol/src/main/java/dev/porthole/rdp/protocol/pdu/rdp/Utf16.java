package dev.porthole.rdp.protocol.pdu.rdp;

import java.nio.charset.Charset;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * Text fields of the RDP PDUs: UTF-16LE code units (read and written unit by unit, so any 16-bit
 * sequence, even an unpaired surrogate, survives a round trip) and the ANSI (Windows-1252) strings that
 * MS-RDPBCGR 2.2.1.11.1.1 allows when INFO_UNICODE is absent.
 */
public final class Utf16 {

    /** The ANSI code page MS-RDPBCGR 2.2.1.11.1.1 names for non-Unicode Info Packets. */
    public static final Charset ANSI = Charset.forName("windows-1252");

    private Utf16() {}

    /** Bytes {@code text} takes as UTF-16LE, without a terminator. */
    public static int size(String text) {
        return 2 * text.length();
    }

    public static void write(ByteBuf out, String text) {
        for (int i = 0; i < text.length(); i++) {
            out.writeShortLE(text.charAt(i));
        }
    }

    /** Writes {@code text} followed by a UTF-16 NUL. */
    public static void writeTerminated(ByteBuf out, String text) {
        write(out, text);
        out.writeShortLE(0);
    }

    /** Writes {@code text} into a fixed field of {@code bytes}, NUL padded; the caller checked it fits. */
    public static void writeFixed(ByteBuf out, String text, int bytes) {
        write(out, text);
        out.writeZero(bytes - size(text));
    }

    /**
     * Reads a field of exactly {@code bytes} bytes (an even count) and returns the text before the first
     * NUL code unit; everything after it is consumed and dropped.
     */
    public static String read(ByteBuf in, int bytes, String pdu, String field) {
        if ((bytes & 1) != 0) {
            throw RdpException.malformed(pdu, field, "UTF-16 field has an odd length " + bytes);
        }
        Wire.need(in, bytes, pdu, field);
        char[] chars = new char[bytes / 2];
        int n = 0;
        boolean ended = false;
        for (int i = 0; i < chars.length; i++) {
            char c = (char) in.readUnsignedShortLE();
            if (c == 0) {
                ended = true;
            }
            if (!ended) {
                chars[n++] = c;
            }
        }
        return new String(chars, 0, n);
    }

    /**
     * Reads a NUL-terminated field whose byte count {@code bytes} includes the terminator, requiring
     * the terminator to be the last code unit (and allowing an empty field).
     */
    public static String readTerminated(ByteBuf in, int bytes, String pdu, String field) {
        if (bytes == 0) {
            return "";
        }
        if (bytes < 2 || (bytes & 1) != 0) {
            throw RdpException.malformed(pdu, field, "length " + bytes + " is not a UTF-16 string with its terminator");
        }
        Wire.need(in, bytes, pdu, field);
        if (in.getUnsignedShortLE(in.readerIndex() + bytes - 2) != 0) {
            throw RdpException.malformed(pdu, field, "is not NUL terminated");
        }
        return read(in, bytes, pdu, field);
    }

    /** Fails unless {@code text} has no NUL and takes at most {@code maxBytes} as UTF-16 (terminator included when {@code terminated}). */
    public static String check(String text, int maxBytes, boolean terminated, String pdu, String field) {
        if (text == null) {
            throw RdpException.argument(pdu, field, "is null");
        }
        if (text.indexOf('\0') >= 0) {
            throw RdpException.argument(pdu, field, "contains NUL");
        }
        int size = size(text) + (terminated ? 2 : 0);
        if (size > maxBytes) {
            throw RdpException.argument(pdu, field, "takes " + size + " bytes, at most " + maxBytes + " allowed");
        }
        return text;
    }
}
