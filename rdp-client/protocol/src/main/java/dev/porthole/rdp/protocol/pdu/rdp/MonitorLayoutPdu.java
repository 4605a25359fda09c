package dev.porthole.rdp.protocol.pdu.rdp;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.gcc.MonitorDef;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.12.1 Monitor Layout PDU: the server's monitor layout for the session, as TS_MONITOR_DEF
 * structures (2.2.1.3.6.1), sent before the capability exchange to clients that set
 * RNS_UD_CS_SUPPORT_MONITOR_LAYOUT_PDU.
 */
public record MonitorLayoutPdu(List<MonitorDef> monitors) implements ShareData {

    static final String PDU = "TS_MONITOR_LAYOUT_PDU";
    /** The most monitors MS-RDPBCGR allows in a layout. */
    public static final int MAX_MONITORS = 16;

    public MonitorLayoutPdu {
        if (monitors == null || monitors.size() > MAX_MONITORS) {
            throw RdpException.argument(PDU, "monitorCount", "must be at most " + MAX_MONITORS + " monitors");
        }
        monitors = List.copyOf(monitors);
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_MONITOR_LAYOUT_PDU;
    }

    @Override
    public int bodySize() {
        return 4 + MonitorDef.SIZE * monitors.size();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(monitors.size());
        for (MonitorDef m : monitors) {
            m.encode(out);
        }
    }

    static MonitorLayoutPdu decodeBody(ByteBuf body) {
        Wire.need(body, 4, PDU, "monitorCount");
        long count = body.readUnsignedIntLE();
        if (count > MAX_MONITORS) {
            throw RdpException.malformed(PDU, "monitorCount", count + " exceeds " + MAX_MONITORS);
        }
        Wire.need(body, (int) count * MonitorDef.SIZE, PDU, "monitorDefArray");
        List<MonitorDef> monitors = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int left = body.readIntLE();
            int top = body.readIntLE();
            int right = body.readIntLE();
            int bottom = body.readIntLE();
            int flags = body.readIntLE();
            monitors.add(Wire.decoded(() -> new MonitorDef(left, top, right, bottom, flags)));
        }
        return new MonitorLayoutPdu(monitors);
    }
}
