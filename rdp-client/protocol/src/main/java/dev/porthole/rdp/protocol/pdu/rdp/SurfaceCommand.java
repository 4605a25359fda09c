package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.2.1.10.1 Surface Command (TS_SURFCMD): a 16-bit cmdType and its data. Commands
 * carry no length of their own, so an unknown cmdType cannot be skipped and is MALFORMED.
 */
public sealed interface SurfaceCommand permits SurfaceBits, FrameMarker {

    int CMDTYPE_SET_SURFACE_BITS = 0x0001;
    int CMDTYPE_FRAME_MARKER = 0x0004;
    int CMDTYPE_STREAM_SURFACE_BITS = 0x0006;

    int cmdType();

    /** Encoded size, cmdType included. */
    int size();

    /** Writes the command, cmdType included. */
    void encode(ByteBuf out);

    static SurfaceCommand decode(ByteBuf in, int index) {
        Wire.need(in, 2, "TS_SURFCMD", "surfaceCommands[" + index + "].cmdType");
        int type = in.readUnsignedShortLE();
        return switch (type) {
            case CMDTYPE_SET_SURFACE_BITS, CMDTYPE_STREAM_SURFACE_BITS -> SurfaceBits.decodeBody(type, in);
            case CMDTYPE_FRAME_MARKER -> FrameMarker.decodeBody(in);
            default -> throw RdpException.malformed("TS_SURFCMD", "surfaceCommands[" + index + "].cmdType",
                    "unknown command type 0x" + Integer.toHexString(type));
        };
    }
}
