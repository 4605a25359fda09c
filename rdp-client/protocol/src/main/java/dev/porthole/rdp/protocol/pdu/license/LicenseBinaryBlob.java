package dev.porthole.rdp.protocol.pdu.license;

import java.nio.charset.StandardCharsets;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.12.1.2 Licensing Binary Blob (LICENSE_BINARY_BLOB): a 16-bit type, a 16-bit length
 * and the data, little-endian. Types are kept as sent and not checked on decode: deployed servers put
 * arbitrary values where the type is to be ignored (the MS-RDPELE 4.4 example sends 0xF750).
 */
public record LicenseBinaryBlob(int blobType, Bytes data) {

    static final String PDU = "LICENSE_BINARY_BLOB";

    public static final int BB_ANY_BLOB = 0x0000;
    public static final int BB_DATA_BLOB = 0x0001;
    public static final int BB_RANDOM_BLOB = 0x0002;
    public static final int BB_CERTIFICATE_BLOB = 0x0003;
    public static final int BB_ERROR_BLOB = 0x0004;
    public static final int BB_ENCRYPTED_DATA_BLOB = 0x0009;
    public static final int BB_KEY_EXCHG_ALG_BLOB = 0x000D;
    public static final int BB_SCOPE_BLOB = 0x000E;
    public static final int BB_CLIENT_USER_NAME_BLOB = 0x000F;
    public static final int BB_CLIENT_MACHINE_NAME_BLOB = 0x0010;

    public LicenseBinaryBlob {
        Wire.requireUnsigned(blobType, 16, PDU, "wBlobType");
        if (data == null || data.length() > 0xFFFF) {
            throw RdpException.argument(PDU, "blobData", "must be present and at most 65535 bytes");
        }
    }

    /** An empty blob of {@code type} (wBlobLen 0). */
    public static LicenseBinaryBlob empty(int type) {
        return new LicenseBinaryBlob(type, Bytes.EMPTY);
    }

    /** A blob holding {@code text} as NUL-terminated ANSI (ISO-8859-1) characters, as the name and scope blobs do. */
    public static LicenseBinaryBlob ansi(int type, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] z = java.util.Arrays.copyOf(b, b.length + 1);
        return new LicenseBinaryBlob(type, Bytes.of(z));
    }

    /** The data read as NUL-terminated ANSI (ISO-8859-1) text, cut at the first NUL. */
    public String ansiText() {
        byte[] b = data.toByteArray();
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }

    public static LicenseBinaryBlob decode(ByteBuf in, String message, String field) {
        Wire.need(in, 4, message, field + ".wBlobType/wBlobLen");
        int type = in.readUnsignedShortLE();
        int length = in.readUnsignedShortLE();
        return new LicenseBinaryBlob(type, Bytes.read(in, length, message, field + ".blobData"));
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(blobType);
        out.writeShortLE(data.length());
        data.writeTo(out);
    }

    public int size() {
        return 4 + data.length();
    }
}
