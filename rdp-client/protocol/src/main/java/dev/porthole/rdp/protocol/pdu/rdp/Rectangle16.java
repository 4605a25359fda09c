package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/** MS-RDPBCGR 2.2.11.1 Inclusive Rectangle (TS_RECTANGLE16): four little-endian 16-bit bounds, all inclusive. */
public record Rectangle16(int left, int top, int right, int bottom) {

    static final String PDU = "TS_RECTANGLE16";
    public static final int SIZE = 8;

    public Rectangle16 {
        Wire.requireUnsigned(left, 16, PDU, "left");
        Wire.requireUnsigned(top, 16, PDU, "top");
        Wire.requireUnsigned(right, 16, PDU, "right");
        Wire.requireUnsigned(bottom, 16, PDU, "bottom");
    }

    /** The inclusive rectangle covering {@code width} x {@code height} pixels at (x, y). */
    public static Rectangle16 of(int x, int y, int width, int height) {
        return new Rectangle16(x, y, x + width - 1, y + height - 1);
    }

    public static Rectangle16 decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "structure");
        return Wire.decoded(() -> new Rectangle16(in.readUnsignedShortLE(), in.readUnsignedShortLE(),
                in.readUnsignedShortLE(), in.readUnsignedShortLE()));
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(left);
        out.writeShortLE(top);
        out.writeShortLE(right);
        out.writeShortLE(bottom);
    }
}
