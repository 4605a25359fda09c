package dev.porthole.rdp.protocol.pdu.x224;

import java.util.Arrays;
import java.util.HexFormat;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.1.2 RDP Correlation Info (RDP_NEG_CORRELATION_INFO): a 16-byte identifier that
 * lets server-side logs be matched to this connection attempt.
 */
public final class CorrelationInfo {

    static final String PDU = "RDP_NEG_CORRELATION_INFO";
    public static final int TYPE = 0x06;
    public static final int SIZE = 36;

    private final byte[] correlationId;

    /**
     * @param correlationId 16 bytes; the first must not be 0x00 or 0xF4 and none may be 0x0D (2.2.1.1.2)
     */
    public CorrelationInfo(byte[] correlationId) {
        if (correlationId.length != 16) {
            throw RdpException.argument(PDU, "correlationId", "has " + correlationId.length + " bytes, expected 16");
        }
        if (correlationId[0] == 0x00 || correlationId[0] == (byte) 0xF4) {
            throw RdpException.argument(PDU, "correlationId", "first byte must not be 0x00 or 0xF4");
        }
        for (byte b : correlationId) {
            if (b == 0x0D) {
                throw RdpException.argument(PDU, "correlationId", "must not contain 0x0D");
            }
        }
        this.correlationId = correlationId.clone();
    }

    public byte[] correlationId() {
        return correlationId.clone();
    }

    public static CorrelationInfo decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "structure");
        int type = in.readUnsignedByte();
        if (type != TYPE) {
            throw RdpException.malformed(PDU, "type", "is " + type + ", expected " + TYPE);
        }
        in.skipBytes(1); // flags, unused
        int length = in.readUnsignedShortLE();
        if (length != SIZE) {
            throw RdpException.malformed(PDU, "length", "is " + length + ", expected " + SIZE);
        }
        byte[] id = new byte[16];
        in.readBytes(id);
        in.skipBytes(16); // reserved
        try {
            return new CorrelationInfo(id);
        } catch (RdpException e) {
            throw RdpException.malformed(PDU, "correlationId", e.getMessage());
        }
    }

    public void encode(ByteBuf out) {
        out.writeByte(TYPE);
        out.writeByte(0);
        out.writeShortLE(SIZE);
        out.writeBytes(correlationId);
        out.writeZero(16);
    }

    public int size() {
        return SIZE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CorrelationInfo c && Arrays.equals(correlationId, c.correlationId);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(correlationId);
    }

    @Override
    public String toString() {
        return "CorrelationInfo[" + HexFormat.of().formatHex(correlationId) + "]";
    }
}
