package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.2.9 Surface Commands Capability Set: which surface commands (2.2.9.2) the
 * client accepts.
 */
public record SurfaceCommandsCapabilitySet(int cmdFlags, int reserved) implements CapabilitySet {

    static final String PDU = "TS_SURFCMDS_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 8;
    public static final int SURFCMDS_SETSURFACEBITS = 0x00000002;
    public static final int SURFCMDS_FRAMEMARKER = 0x00000010;
    public static final int SURFCMDS_STREAMSURFACEBITS = 0x00000040;

    @Override
    public int type() {
        return CAPSETTYPE_SURFACE_COMMANDS;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(cmdFlags);
        out.writeIntLE(reserved);
    }

    static SurfaceCommandsCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int cmdFlags = body.readIntLE();
        int reserved = body.readIntLE();
        return Wire.decoded(() -> new SurfaceCommandsCapabilitySet(cmdFlags, reserved));
    }
}
