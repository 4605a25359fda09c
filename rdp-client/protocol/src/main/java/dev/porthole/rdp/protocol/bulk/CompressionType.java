package dev.porthole.rdp.protocol.bulk;

import dev.porthole.rdp.protocol.RdpException;

/**
 * The bulk compression types (MS-RDPBCGR 2.2.1.11.1.1 CompressionTypeMask and 3.1.8; MS-RDPEGDI
 * 3.1.8), as carried in the low four bits of a PDU's compression flags. Ordered: a client that
 * advertises a type also understands every type before it.
 */
public enum CompressionType {
    /** PACKET_COMPR_TYPE_8K: RDP 4.0 MPPC with an 8 KB history (MS-RDPBCGR 3.1.8.4.1). */
    MPPC_8K(0x0),
    /** PACKET_COMPR_TYPE_64K: RDP 5.0 MPPC with a 64 KB history (MS-RDPBCGR 3.1.8.4.2). */
    MPPC_64K(0x1),
    /** PACKET_COMPR_TYPE_RDP6: RDP 6.0 bulk compression, "NCRUSH" (MS-RDPEGDI 3.1.8.1). */
    NCRUSH(0x2),
    /** PACKET_COMPR_TYPE_RDP61: RDP 6.1 bulk compression, "XCRUSH" (MS-RDPEGDI 3.1.8.2). */
    XCRUSH(0x3);

    private final int code;

    CompressionType(int code) {
        this.code = code;
    }

    /** The 4-bit code on the wire. */
    public int code() {
        return code;
    }

    /** The type for a 4-bit code; codes above 3 are {@link RdpException.Kind#MALFORMED}. */
    public static CompressionType ofCode(int code) {
        return switch (code) {
            case 0x0 -> MPPC_8K;
            case 0x1 -> MPPC_64K;
            case 0x2 -> NCRUSH;
            case 0x3 -> XCRUSH;
            default -> throw RdpException.malformed("compressionFlags", "type", code + " is not a compression type (0..3)");
        };
    }
}
