package dev.porthole.rdp.protocol.pdu.gcc;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.3.6.1 Monitor Definition (TS_MONITOR_DEF): inclusive virtual-desktop coordinates.
 */
public record MonitorDef(int left, int top, int right, int bottom, int flags) {

    static final String PDU = "TS_MONITOR_DEF";
    public static final int SIZE = 20;
    public static final int TS_MONITOR_PRIMARY = 0x00000001;

    public MonitorDef {
        if (right < left || bottom < top) {
            throw RdpException.argument(PDU, "right/bottom", "monitor rectangle is empty: " + left + "," + top + "-" + right + "," + bottom);
        }
    }

    public boolean primary() {
        return (flags & TS_MONITOR_PRIMARY) != 0;
    }

    public void encode(ByteBuf out) {
        out.writeIntLE(left);
        out.writeIntLE(top);
        out.writeIntLE(right);
        out.writeIntLE(bottom);
        out.writeIntLE(flags);
    }

    static MonitorDef decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "structure");
        int l = in.readIntLE();
        int t = in.readIntLE();
        int r = in.readIntLE();
        int b = in.readIntLE();
        int f = in.readIntLE();
        return Wire.decoded(() -> new MonitorDef(l, t, r, b, f));
    }
}
