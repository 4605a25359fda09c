package dev.porthole.rdp.protocol.pdu.rdp;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.1.3.1.1.1 Palette Update Data (TS_UPDATE_PALETTE_DATA): the 8 bpp color table as RGB
 * triplets (2.2.9.1.1.3.1.1.2), kept here as 0xRRGGBB values. Slow and fast path (2.2.9.1.2.1.1) share it.
 */
public record PaletteUpdate(List<Integer> colors) implements GraphicsUpdate {

    static final String PDU = "TS_UPDATE_PALETTE_DATA";
    /** numberColors MUST be 256; more is refused. */
    public static final int MAX_COLORS = 256;

    public PaletteUpdate {
        if (colors == null || colors.size() > MAX_COLORS) {
            throw RdpException.argument(PDU, "numberColors", "must be at most 256 colors");
        }
        for (int c : colors) {
            Wire.requireUnsigned(c, 24, PDU, "paletteEntries");
        }
        colors = List.copyOf(colors);
    }

    @Override
    public int updateType() {
        return UPDATETYPE_PALETTE;
    }

    @Override
    public int slowPathSize() {
        return 8 + 3 * colors.size();
    }

    @Override
    public void encodeSlowPath(ByteBuf out) {
        out.writeShortLE(UPDATETYPE_PALETTE);
        out.writeShortLE(0); // pad2Octets
        out.writeIntLE(colors.size());
        for (int c : colors) {
            out.writeByte(c >>> 16); // red
            out.writeByte(c >>> 8); // green
            out.writeByte(c); // blue
        }
    }

    @Override
    public int fastPathUpdateCode() {
        return FASTPATH_UPDATETYPE_PALETTE;
    }

    @Override
    public int fastPathSize() {
        return slowPathSize();
    }

    @Override
    public void encodeFastPath(ByteBuf out) {
        encodeSlowPath(out);
    }

    static PaletteUpdate decode(ByteBuf in) {
        Wire.need(in, 8, PDU, "header");
        int type = in.readUnsignedShortLE();
        if (type != UPDATETYPE_PALETTE) {
            throw RdpException.malformed(PDU, "updateType", "is " + type + ", expected UPDATETYPE_PALETTE (2)");
        }
        in.skipBytes(2); // pad2Octets
        long count = in.readUnsignedIntLE();
        if (count > MAX_COLORS) {
            throw RdpException.malformed(PDU, "numberColors", count + " exceeds 256");
        }
        Wire.need(in, (int) count * 3, PDU, "paletteEntries");
        List<Integer> colors = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            colors.add(in.readUnsignedMedium()); // red, green, blue in this order
        }
        return new PaletteUpdate(colors);
    }
}
