package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.11.3.1 Suppress Output PDU Data (TS_SUPPRESS_OUTPUT_PDU): the client turns display
 * updates off (for instance while its screen is blanked) or back on for {@code desktopRect}, which is
 * present exactly when updates are allowed.
 */
public record SuppressOutputPdu(boolean allowDisplayUpdates, Rectangle16 desktopRect) implements ShareData {

    static final String PDU = "TS_SUPPRESS_OUTPUT_PDU";
    public static final int SUPPRESS_DISPLAY_UPDATES = 0x00;
    public static final int ALLOW_DISPLAY_UPDATES = 0x01;

    public SuppressOutputPdu {
        if (allowDisplayUpdates != (desktopRect != null)) {
            throw RdpException.argument(PDU, "desktopRect", "must be present exactly when display updates are allowed");
        }
    }

    public static SuppressOutputPdu suppress() {
        return new SuppressOutputPdu(false, null);
    }

    public static SuppressOutputPdu allow(Rectangle16 desktopRect) {
        return new SuppressOutputPdu(true, desktopRect);
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_SUPPRESS_OUTPUT;
    }

    @Override
    public int bodySize() {
        return 4 + (desktopRect == null ? 0 : Rectangle16.SIZE);
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeByte(allowDisplayUpdates ? ALLOW_DISPLAY_UPDATES : SUPPRESS_DISPLAY_UPDATES);
        out.writeZero(3); // pad3Octets
        if (desktopRect != null) {
            desktopRect.encode(out);
        }
    }

    static SuppressOutputPdu decodeBody(ByteBuf body) {
        Wire.need(body, 4, PDU, "allowDisplayUpdates");
        int allow = body.readUnsignedByte();
        body.skipBytes(3);
        return switch (allow) {
            case SUPPRESS_DISPLAY_UPDATES -> suppress();
            case ALLOW_DISPLAY_UPDATES -> allow(Rectangle16.decode(body));
            default -> throw RdpException.malformed(PDU, "allowDisplayUpdates", "is " + allow + ", expected 0 or 1");
        };
    }
}
