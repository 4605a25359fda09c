package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.1.4 Server Pointer Update PDU (TS_POINTER_PDU): messageType, padding and the pointer
 * attribute data of one {@link PointerUpdate} (any but the large pointer).
 */
public record PointerPdu(PointerUpdate update) implements ShareData {

    static final String PDU = "TS_POINTER_PDU";

    public PointerPdu {
        if (update == null || update instanceof LargePointer) {
            throw RdpException.argument(PDU, "pointerAttributeData", "must be a slow-path pointer update");
        }
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_POINTER;
    }

    @Override
    public int bodySize() {
        return 4 + update.slowPathSize();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(update.messageType());
        out.writeShortLE(0); // pad2Octets
        update.encodeSlowPath(out);
    }

    static PointerPdu decodeBody(ByteBuf body) {
        Wire.need(body, 4, PDU, "messageType");
        int type = body.readUnsignedShortLE();
        body.skipBytes(2);
        return new PointerPdu(PointerUpdate.decodeSlowPath(type, body));
    }
}
