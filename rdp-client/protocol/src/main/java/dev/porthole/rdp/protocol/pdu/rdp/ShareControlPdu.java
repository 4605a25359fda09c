package dev.porthole.rdp.protocol.pdu.rdp;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A slow-path PDU that starts with a Share Control Header (MS-RDPBCGR 2.2.8.1.1.1.1): Demand Active,
 * Confirm Active, Deactivate All, the Data PDUs, and the Enhanced Security Server Redirection PDU (kept
 * raw). Under Enhanced RDP Security these are the whole MCS user data of a Send Data PDU on the I/O
 * channel; a server may pack several into one, so {@link #decodeAll} reads them in turn.
 */
public sealed interface ShareControlPdu permits DemandActivePdu, ConfirmActivePdu, DeactivateAllPdu, ShareDataPdu,
        ServerRedirectionPdu, FlowPdu {

    int PDUTYPE_DEMANDACTIVEPDU = 0x1;
    int PDUTYPE_CONFIRMACTIVEPDU = 0x3;
    int PDUTYPE_DEACTIVATEALLPDU = 0x6;
    int PDUTYPE_DATAPDU = 0x7;
    int PDUTYPE_SERVER_REDIR_PKT = 0xA;
    int TS_PROTOCOL_VERSION = 0x1;

    /** Channel id of the sender. */
    int pduSource();

    /** The 4-bit type of pduType. */
    int type();

    /** Bytes after the Share Control Header. */
    int bodySize();

    void encodeBody(ByteBuf out);

    /** Encoded size including the 6-byte header. */
    default int size() {
        return ShareControlHeader.SIZE + bodySize();
    }

    default void encode(ByteBuf out) {
        int size = size();
        if (size > 0xFFFF) {
            throw RdpException.argument(ShareControlHeader.PDU, "totalLength", size + " does not fit 16 bits");
        }
        new ShareControlHeader(size, type(), TS_PROTOCOL_VERSION, pduSource()).encode(out);
        encodeBody(out);
    }

    /**
     * Decodes one PDU: reads exactly totalLength bytes (8 for a FlowPDU). Data payloads such as bitmaps
     * are slices of {@code in} (not retained) and valid while it is.
     */
    static ShareControlPdu decode(ByteBuf in) {
        ShareControlHeader h = ShareControlHeader.decode(in);
        if (h.totalLength() == ShareControlHeader.FLOW_MARKER) {
            return FlowPdu.decodeRest(h, in);
        }
        int bodyLength = h.totalLength() - h.encodedSize();
        Wire.need(in, bodyLength, ShareControlHeader.PDU, "totalLength");
        ByteBuf body = in.readSlice(bodyLength);
        return switch (h.type()) {
            case PDUTYPE_DEMANDACTIVEPDU -> DemandActivePdu.decodeBody(h, body);
            case PDUTYPE_CONFIRMACTIVEPDU -> ConfirmActivePdu.decodeBody(h, body);
            case PDUTYPE_DEACTIVATEALLPDU -> DeactivateAllPdu.decodeBody(h, body);
            case PDUTYPE_DATAPDU -> ShareDataPdu.decodeBody(h, body);
            case PDUTYPE_SERVER_REDIR_PKT -> ServerRedirectionPdu.decodeBody(h, body);
            default -> throw RdpException.malformed(ShareControlHeader.PDU, "pduType",
                    "unknown type 0x" + Integer.toHexString(h.type()));
        };
    }

    /** Decodes PDUs until {@code in} is empty. */
    static List<ShareControlPdu> decodeAll(ByteBuf in) {
        List<ShareControlPdu> pdus = new ArrayList<>();
        while (in.isReadable()) {
            pdus.add(decode(in));
        }
        return pdus;
    }
}
