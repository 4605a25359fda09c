package dev.porthole.rdp.protocol.pdu.rdp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The character fields of the Info Packet and Extended Info Packet (MS-RDPBCGR 2.2.1.11.1.1): UTF-16LE
 * when INFO_UNICODE is set, Windows-1252 otherwise, always followed by a NUL of the same width.
 */
final class InfoText {

    private InfoText() {}

    static int terminatorSize(boolean unicode) {
        return unicode ? 2 : 1;
    }

    /** Bytes of the character data, terminator excluded. */
    static int size(String text, boolean unicode) {
        return unicode ? Utf16.size(text) : ansi(text, "?", "?").length;
    }

    static void writeTerminated(ByteBuf out, String text, boolean unicode) {
        if (unicode) {
            Utf16.writeTerminated(out, text);
        } else {
            out.writeBytes(ansi(text, "?", "?"));
            out.writeByte(0);
        }
    }

    /** Reads {@code cb} bytes of characters and then a terminator of the right width, which must be NUL. */
    static String readThenTerminator(ByteBuf in, int cb, boolean unicode, String pdu, String field) {
        int term = terminatorSize(unicode);
        Wire.need(in, cb + term, pdu, field);
        String text;
        if (unicode) {
            text = Utf16.read(in, cb, pdu, field);
        } else {
            byte[] b = new byte[cb];
            in.readBytes(b);
            text = cut(new String(b, Utf16.ANSI));
        }
        for (int i = 0; i < term; i++) {
            if (in.readByte() != 0) {
                throw RdpException.malformed(pdu, field, "is not NUL terminated");
            }
        }
        return text;
    }

    /** Reads a field whose byte count {@code cb} includes the terminator (0 is tolerated as empty). */
    static String readIncludingTerminator(ByteBuf in, int cb, boolean unicode, String pdu, String field) {
        if (unicode) {
            return Utf16.readTerminated(in, cb, pdu, field);
        }
        if (cb == 0) {
            return "";
        }
        Wire.need(in, cb, pdu, field);
        byte[] b = new byte[cb];
        in.readBytes(b);
        if (b[cb - 1] != 0) {
            throw RdpException.malformed(pdu, field, "is not NUL terminated");
        }
        return cut(new String(b, 0, cb - 1, Utf16.ANSI));
    }

    /** Fails unless {@code text} has no NUL, is representable and fits {@code maxBytes} with its terminator. */
    static String check(String text, boolean unicode, int maxBytes, String pdu, String field) {
        if (text == null) {
            throw RdpException.argument(pdu, field, "is null");
        }
        if (text.indexOf('\0') >= 0) {
            throw RdpException.argument(pdu, field, "contains NUL");
        }
        int size = (unicode ? Utf16.size(text) : ansi(text, pdu, field).length) + terminatorSize(unicode);
        if (size > maxBytes) {
            throw RdpException.argument(pdu, field, "takes " + size + " bytes with its terminator, at most " + maxBytes
                    + " allowed");
        }
        return text;
    }

    private static byte[] ansi(String text, String pdu, String field) {
        try {
            ByteBuffer b = Utf16.ANSI.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw RdpException.argument(pdu, field, "cannot be written in Windows-1252 without INFO_UNICODE");
        }
    }

    private static String cut(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }
}
