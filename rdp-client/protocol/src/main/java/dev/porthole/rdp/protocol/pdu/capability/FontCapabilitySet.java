package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.2.5 Font Capability Set (TS_FONT_CAPABILITYSET). Some servers send it with a length
 * of 4 and no fields (the MS-RDPBCGR 4.1.12 example notes this bug); that form decodes with a
 * {@code null} {@code fontSupportFlags} and re-encodes as sent.
 */
public record FontCapabilitySet(Integer fontSupportFlags) implements CapabilitySet {

    static final String PDU = "TS_FONT_CAPABILITYSET";
    public static final int FONTSUPPORT_FONTLIST = 0x0001;

    public FontCapabilitySet {
        if (fontSupportFlags != null) {
            Wire.requireUnsigned(fontSupportFlags, 16, PDU, "fontSupportFlags");
        }
    }

    @Override
    public int type() {
        return CAPSTYPE_FONT;
    }

    @Override
    public int bodySize() {
        return fontSupportFlags == null ? 0 : 4;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        if (fontSupportFlags != null) {
            out.writeShortLE(fontSupportFlags);
            out.writeZero(2); // pad2octets
        }
    }

    static FontCapabilitySet decodeBody(ByteBuf body) {
        if (!body.isReadable()) {
            return new FontCapabilitySet(null);
        }
        Wire.need(body, 2, PDU, "fontSupportFlags");
        int flags = body.readUnsignedShortLE();
        return new FontCapabilitySet(flags);
    }
}
