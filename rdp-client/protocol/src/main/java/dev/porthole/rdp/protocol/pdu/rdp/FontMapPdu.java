package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.22.1 Font Map PDU Data (TS_FONT_MAP_PDU), the server's last finalization PDU:
 * after it the session is active.
 */
public record FontMapPdu(int numberEntries, int totalNumEntries, int mapFlags, int entrySize) implements ShareData {

    static final String PDU = "TS_FONT_MAP_PDU";
    public static final int BODY_SIZE = 8;

    public static final int FONTMAP_FIRST = 0x0001;
    public static final int FONTMAP_LAST = 0x0002;

    /** The values servers send: no entries, FONTMAP_FIRST | FONTMAP_LAST, entry size 4. */
    public static FontMapPdu standard() {
        return new FontMapPdu(0, 0, FONTMAP_FIRST | FONTMAP_LAST, 4);
    }

    public FontMapPdu {
        Wire.requireUnsigned(numberEntries, 16, PDU, "numberEntries");
        Wire.requireUnsigned(totalNumEntries, 16, PDU, "totalNumEntries");
        Wire.requireUnsigned(mapFlags, 16, PDU, "mapFlags");
        Wire.requireUnsigned(entrySize, 16, PDU, "entrySize");
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_FONTMAP;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(numberEntries);
        out.writeShortLE(totalNumEntries);
        out.writeShortLE(mapFlags);
        out.writeShortLE(entrySize);
    }

    static FontMapPdu decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "body");
        int numberEntries = body.readUnsignedShortLE();
        int totalNumEntries = body.readUnsignedShortLE();
        int mapFlags = body.readUnsignedShortLE();
        int entrySize = body.readUnsignedShortLE();
        return Wire.decoded(() -> new FontMapPdu(numberEntries, totalNumEntries, mapFlags, entrySize));
    }
}
