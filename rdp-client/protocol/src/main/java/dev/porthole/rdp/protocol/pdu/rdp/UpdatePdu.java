package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/** MS-RDPBCGR 2.2.9.1.1.3 Server Graphics Update PDU (TS_GRAPHICS_PDU): one slow-path {@link GraphicsUpdate}. */
public record UpdatePdu(GraphicsUpdate update) implements ShareData {

    public UpdatePdu {
        if (update == null) {
            throw RdpException.argument("TS_GRAPHICS_PDU", "update", "is null");
        }
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_UPDATE;
    }

    @Override
    public int bodySize() {
        return update.slowPathSize();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        update.encodeSlowPath(out);
    }

    static UpdatePdu decodeBody(ByteBuf body) {
        return new UpdatePdu(GraphicsUpdate.decodeSlowPath(body));
    }
}
