package dev.porthole.rdp.protocol.pdu.gcc;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/** MS-RDPBCGR 2.2.1.3.6 Client Monitor Data (TS_UD_CS_MONITOR): the client's monitor layout (1..16). */
public record ClientMonitorData(List<MonitorDef> monitors) {

    static final String PDU = "TS_UD_CS_MONITOR";
    public static final int MAX_MONITORS = 16;

    public ClientMonitorData {
        monitors = List.copyOf(monitors);
        if (monitors.isEmpty() || monitors.size() > MAX_MONITORS) {
            throw RdpException.argument(PDU, "monitorCount", monitors.size() + " outside 1.." + MAX_MONITORS);
        }
        if (monitors.stream().filter(MonitorDef::primary).count() != 1) {
            throw RdpException.argument(PDU, "monitorDefArray", "exactly one monitor must be primary");
        }
    }

    public int size() {
        return 12 + MonitorDef.SIZE * monitors.size();
    }

    public void encode(ByteBuf out) {
        UserDataHeader.write(out, UserDataHeader.CS_MONITOR, size());
        out.writeIntLE(0); // flags, unused
        out.writeIntLE(monitors.size());
        monitors.forEach(m -> m.encode(out));
    }

    static ClientMonitorData decodeBody(ByteBuf body) {
        Wire.need(body, 8, PDU, "header");
        body.skipBytes(4);
        long count = body.readUnsignedIntLE();
        if (count < 1 || count > MAX_MONITORS) {
            throw RdpException.malformed(PDU, "monitorCount", count + " outside 1.." + MAX_MONITORS);
        }
        List<MonitorDef> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(MonitorDef.decode(body));
        }
        body.skipBytes(body.readableBytes());
        return Wire.decoded(() -> new ClientMonitorData(list));
    }
}
