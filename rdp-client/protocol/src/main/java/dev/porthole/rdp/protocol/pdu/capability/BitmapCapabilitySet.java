package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.1.2 Bitmap Capability Set: the session color depth, desktop size and whether the
 * client can follow a resize through deactivation-reactivation. Padding is written as zero and ignored on read.
 */
public record BitmapCapabilitySet(int preferredBitsPerPixel, int receive1BitPerPixel, int receive4BitsPerPixel, int receive8BitsPerPixel, int desktopWidth, int desktopHeight, int desktopResizeFlag, int bitmapCompressionFlag, int highColorFlags, int drawingFlags, int multipleRectangleSupport) implements CapabilitySet {

    static final String PDU = "TS_BITMAP_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 24;
    public static final int DRAW_ALLOW_DYNAMIC_COLOR_FIDELITY = 0x02;
    public static final int DRAW_ALLOW_COLOR_SUBSAMPLING = 0x04;
    public static final int DRAW_ALLOW_SKIP_ALPHA = 0x08;
    public static final int DRAW_UNUSED_FLAG = 0x10;

    public BitmapCapabilitySet {
        Wire.requireUnsigned(preferredBitsPerPixel, 16, PDU, "preferredBitsPerPixel");
        Wire.requireUnsigned(receive1BitPerPixel, 16, PDU, "receive1BitPerPixel");
        Wire.requireUnsigned(receive4BitsPerPixel, 16, PDU, "receive4BitsPerPixel");
        Wire.requireUnsigned(receive8BitsPerPixel, 16, PDU, "receive8BitsPerPixel");
        Wire.requireUnsigned(desktopWidth, 16, PDU, "desktopWidth");
        Wire.requireUnsigned(desktopHeight, 16, PDU, "desktopHeight");
        Wire.requireUnsigned(desktopResizeFlag, 16, PDU, "desktopResizeFlag");
        Wire.requireUnsigned(bitmapCompressionFlag, 16, PDU, "bitmapCompressionFlag");
        Wire.requireUnsigned(highColorFlags, 8, PDU, "highColorFlags");
        Wire.requireUnsigned(drawingFlags, 8, PDU, "drawingFlags");
        Wire.requireUnsigned(multipleRectangleSupport, 16, PDU, "multipleRectangleSupport");
    }

    @Override
    public int type() {
        return CAPSTYPE_BITMAP;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(preferredBitsPerPixel);
        out.writeShortLE(receive1BitPerPixel);
        out.writeShortLE(receive4BitsPerPixel);
        out.writeShortLE(receive8BitsPerPixel);
        out.writeShortLE(desktopWidth);
        out.writeShortLE(desktopHeight);
        out.writeZero(2); // pad2octets
        out.writeShortLE(desktopResizeFlag);
        out.writeShortLE(bitmapCompressionFlag);
        out.writeByte(highColorFlags);
        out.writeByte(drawingFlags);
        out.writeShortLE(multipleRectangleSupport);
        out.writeZero(2); // pad2octetsB
    }

    static BitmapCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int preferredBitsPerPixel = body.readUnsignedShortLE();
        int receive1BitPerPixel = body.readUnsignedShortLE();
        int receive4BitsPerPixel = body.readUnsignedShortLE();
        int receive8BitsPerPixel = body.readUnsignedShortLE();
        int desktopWidth = body.readUnsignedShortLE();
        int desktopHeight = body.readUnsignedShortLE();
        body.skipBytes(2); // pad2octets
        int desktopResizeFlag = body.readUnsignedShortLE();
        int bitmapCompressionFlag = body.readUnsignedShortLE();
        int highColorFlags = body.readUnsignedByte();
        int drawingFlags = body.readUnsignedByte();
        int multipleRectangleSupport = body.readUnsignedShortLE();
        body.skipBytes(2); // pad2octetsB
        return Wire.decoded(() -> new BitmapCapabilitySet(preferredBitsPerPixel, receive1BitPerPixel, receive4BitsPerPixel, receive8BitsPerPixel, desktopWidth, desktopHeight, desktopResizeFlag, bitmapCompressionFlag, highColorFlags, drawingFlags, multipleRectangleSupport));
    }
}
