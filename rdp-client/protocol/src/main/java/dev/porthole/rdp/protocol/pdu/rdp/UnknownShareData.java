package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A Data PDU body this module does not model (the MS-RDPEGDI cache error PDUs and anything newer), kept
 * byte for byte (MS-RDPBCGR 2.2.8.1.1.1.2).
 */
public record UnknownShareData(int pduType2, Bytes body) implements ShareData {

    public UnknownShareData {
        Wire.requireUnsigned(pduType2, 8, "TS_SHAREDATAHEADER", "pduType2");
    }

    @Override
    public int bodySize() {
        return body.length();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        body.writeTo(out);
    }

    static UnknownShareData decodeBody(int pduType2, ByteBuf body) {
        return new UnknownShareData(pduType2, Bytes.read(body, body.readableBytes(), "TS_SHAREDATAHEADER", "body"));
    }
}
