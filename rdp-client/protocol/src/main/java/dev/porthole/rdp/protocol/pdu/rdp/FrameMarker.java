package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.2.3 Frame Marker Command (TS_FRAME_MARKER): begin or end of frame {@code frameId}.
 * After the end marker the client renders and answers with a {@link FrameAcknowledgePdu} when the Frame
 * Acknowledge capability was exchanged.
 */
public record FrameMarker(int frameAction, int frameId) implements SurfaceCommand {

    static final String PDU = "TS_FRAME_MARKER";
    public static final int SURFACECMD_FRAMEACTION_BEGIN = 0x0000;
    public static final int SURFACECMD_FRAMEACTION_END = 0x0001;

    public FrameMarker {
        Wire.requireUnsigned(frameAction, 16, PDU, "frameAction");
    }

    public boolean end() {
        return frameAction == SURFACECMD_FRAMEACTION_END;
    }

    @Override
    public int cmdType() {
        return CMDTYPE_FRAME_MARKER;
    }

    @Override
    public int size() {
        return 8;
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeShortLE(CMDTYPE_FRAME_MARKER);
        out.writeShortLE(frameAction);
        out.writeIntLE(frameId);
    }

    static FrameMarker decodeBody(ByteBuf in) {
        Wire.need(in, 6, PDU, "frameAction/frameId");
        return new FrameMarker(in.readUnsignedShortLE(), in.readIntLE());
    }
}
