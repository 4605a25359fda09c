package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.2.2 Stream Surface Bits Command (TS_SURFCMD_STREAM_SURF_BITS): draw {@code bitmap} at (destLeft, destTop). Same layout as Set
 * Surface Bits; the data is part of a stream (RemoteFX) rather than a standalone image.
 */
public record StreamSurfaceBits(int destLeft, int destTop, int destRight, int destBottom, BitmapDataEx bitmap)
        implements SurfaceCommand {

    static final String PDU = "TS_SURFCMD_STREAM_SURF_BITS";

    public StreamSurfaceBits {
        Wire.requireUnsigned(destLeft, 16, PDU, "destLeft");
        Wire.requireUnsigned(destTop, 16, PDU, "destTop");
        Wire.requireUnsigned(destRight, 16, PDU, "destRight");
        Wire.requireUnsigned(destBottom, 16, PDU, "destBottom");
        if (bitmap == null) {
            throw RdpException.argument(PDU, "bitmapData", "is null");
        }
    }

    @Override
    public int cmdType() {
        return CMDTYPE_STREAM_SURFACE_BITS;
    }

    @Override
    public int size() {
        return 10 + bitmap.size();
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeShortLE(cmdType());
        out.writeShortLE(destLeft);
        out.writeShortLE(destTop);
        out.writeShortLE(destRight);
        out.writeShortLE(destBottom);
        bitmap.encode(out);
    }

    static StreamSurfaceBits decodeBody(ByteBuf in) {
        Wire.need(in, 8, PDU, "destination");
        int left = in.readUnsignedShortLE();
        int top = in.readUnsignedShortLE();
        int right = in.readUnsignedShortLE();
        int bottom = in.readUnsignedShortLE();
        return new StreamSurfaceBits(left, top, right, bottom, BitmapDataEx.decode(in));
    }
}
