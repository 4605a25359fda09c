package dev.porthole.rdp.protocol.pdu.rdp;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.11.2.1 Refresh Rect PDU Data (TS_REFRESH_RECT_PDU): the client asks the server to
 * redraw up to 255 areas (only when the server's General Capability Set has refreshRectSupport).
 */
public record RefreshRectPdu(List<Rectangle16> areasToRefresh) implements ShareData {

    static final String PDU = "TS_REFRESH_RECT_PDU";

    public RefreshRectPdu {
        if (areasToRefresh == null || areasToRefresh.size() > 255) {
            throw RdpException.argument(PDU, "numberOfAreas", "must be at most 255 rectangles");
        }
        areasToRefresh = List.copyOf(areasToRefresh);
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_REFRESH_RECT;
    }

    @Override
    public int bodySize() {
        return 4 + Rectangle16.SIZE * areasToRefresh.size();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeByte(areasToRefresh.size());
        out.writeZero(3); // pad3Octects
        for (Rectangle16 r : areasToRefresh) {
            r.encode(out);
        }
    }

    static RefreshRectPdu decodeBody(ByteBuf body) {
        Wire.need(body, 4, PDU, "numberOfAreas");
        int count = body.readUnsignedByte();
        body.skipBytes(3);
        Wire.need(body, count * Rectangle16.SIZE, PDU, "areasToRefresh");
        List<Rectangle16> areas = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            areas.add(Rectangle16.decode(body));
        }
        return new RefreshRectPdu(areas);
    }
}
