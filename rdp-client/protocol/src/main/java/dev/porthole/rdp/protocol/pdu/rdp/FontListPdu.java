package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.18.1 Font List PDU Data (TS_FONT_LIST_PDU), the last client PDU of connection
 * finalization; its fields are fixed by convention ({@link #standard()}).
 */
public record FontListPdu(int numberFonts, int totalNumFonts, int listFlags, int entrySize) implements ShareData {

    static final String PDU = "TS_FONT_LIST_PDU";
    public static final int BODY_SIZE = 8;

    public static final int FONTLIST_FIRST = 0x0001;
    public static final int FONTLIST_LAST = 0x0002;

    /** The values every client sends: no fonts, FONTLIST_FIRST | FONTLIST_LAST, entry size 50. */
    public static FontListPdu standard() {
        return new FontListPdu(0, 0, FONTLIST_FIRST | FONTLIST_LAST, 0x32);
    }

    public FontListPdu {
        Wire.requireUnsigned(numberFonts, 16, PDU, "numberFonts");
        Wire.requireUnsigned(totalNumFonts, 16, PDU, "totalNumFonts");
        Wire.requireUnsigned(listFlags, 16, PDU, "listFlags");
        Wire.requireUnsigned(entrySize, 16, PDU, "entrySize");
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_FONTLIST;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(numberFonts);
        out.writeShortLE(totalNumFonts);
        out.writeShortLE(listFlags);
        out.writeShortLE(entrySize);
    }

    static FontListPdu decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "body");
        int numberFonts = body.readUnsignedShortLE();
        int totalNumFonts = body.readUnsignedShortLE();
        int listFlags = body.readUnsignedShortLE();
        int entrySize = body.readUnsignedShortLE();
        return Wire.decoded(() -> new FontListPdu(numberFonts, totalNumFonts, listFlags, entrySize));
    }
}
