package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.2.1 Set Surface Bits Command (TS_SURFCMD_SET_SURF_BITS) and 2.2.9.2.2 Stream Surface
 * Bits Command (TS_SURFCMD_STREAM_SURF_BITS), which share one layout: draw {@code bitmap} at (destLeft,
 * destTop). The destination right and bottom are exclusive and SHOULD be ignored: the size is in the
 * bitmap. {@code cmdType} tells them apart (a stream command's data is part of a codec stream such as
 * RemoteFX rather than a standalone image).
 */
public record SurfaceBits(int cmdType, int destLeft, int destTop, int destRight, int destBottom, BitmapDataEx bitmap)
        implements SurfaceCommand {

    public SurfaceBits {
        if (cmdType != CMDTYPE_SET_SURFACE_BITS && cmdType != CMDTYPE_STREAM_SURFACE_BITS) {
            throw RdpException.argument("TS_SURFCMD", "cmdType", "0x" + Integer.toHexString(cmdType)
                    + " is neither CMDTYPE_SET_SURFACE_BITS nor CMDTYPE_STREAM_SURFACE_BITS");
        }
        String pdu = pduName(cmdType);
        Wire.requireUnsigned(destLeft, 16, pdu, "destLeft");
        Wire.requireUnsigned(destTop, 16, pdu, "destTop");
        Wire.requireUnsigned(destRight, 16, pdu, "destRight");
        Wire.requireUnsigned(destBottom, 16, pdu, "destBottom");
        if (bitmap == null) {
            throw RdpException.argument(pdu, "bitmapData", "is null");
        }
    }

    /** A Set Surface Bits command. */
    public static SurfaceBits set(int destLeft, int destTop, int destRight, int destBottom, BitmapDataEx bitmap) {
        return new SurfaceBits(CMDTYPE_SET_SURFACE_BITS, destLeft, destTop, destRight, destBottom, bitmap);
    }

    /** A Stream Surface Bits command. */
    public static SurfaceBits stream(int destLeft, int destTop, int destRight, int destBottom, BitmapDataEx bitmap) {
        return new SurfaceBits(CMDTYPE_STREAM_SURFACE_BITS, destLeft, destTop, destRight, destBottom, bitmap);
    }

    private static String pduName(int cmdType) {
        return cmdType == CMDTYPE_STREAM_SURFACE_BITS ? "TS_SURFCMD_STREAM_SURF_BITS" : "TS_SURFCMD_SET_SURF_BITS";
    }

    @Override
    public int size() {
        return 10 + bitmap.size();
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeShortLE(cmdType);
        out.writeShortLE(destLeft);
        out.writeShortLE(destTop);
        out.writeShortLE(destRight);
        out.writeShortLE(destBottom);
        bitmap.encode(out);
    }

    static SurfaceBits decodeBody(int cmdType, ByteBuf in) {
        Wire.need(in, 8, pduName(cmdType), "destination");
        int left = in.readUnsignedShortLE();
        int top = in.readUnsignedShortLE();
        int right = in.readUnsignedShortLE();
        int bottom = in.readUnsignedShortLE();
        return new SurfaceBits(cmdType, left, top, right, bottom, BitmapDataEx.decode(in));
    }
}
