package dev.porthole.rdp.protocol.pdu.x224;

import java.nio.charset.StandardCharsets;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.tpkt.TpktHeader;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.1 Client X.224 Connection Request PDU: TPKT header, X.224 CR TPDU, then an
 * optional routing token or cookie line, an optional RDP_NEG_REQ and optional correlation info.
 *
 * <p>The routing token is what a connection broker handed out (the {@code loadbalanceinfo} of an
 * .rdp file, typically {@code Cookie: msts=...}); the cookie is {@code Cookie: mstshash=IDENTIFIER}.
 * At most one of them is present. Both are kept as the exact bytes (ISO-8859-1 text) without the
 * CR LF terminator.
 *
 * @param routingToken    the routing token line without CR LF, or {@code null}
 * @param cookie          the {@code mstshash} identifier (text after {@code Cookie: mstshash=}), or {@code null}
 * @param negotiation     the RDP_NEG_REQ, or {@code null} (legacy servers only)
 * @param correlationInfo the correlation info, or {@code null}; requires CORRELATION_INFO_PRESENT in the request flags
 */
public record ConnectionRequest(String routingToken, String cookie, NegotiationRequest negotiation,
                                CorrelationInfo correlationInfo) {

    static final String PDU = "X.224 Connection Request";
    static final String COOKIE_PREFIX = "Cookie: mstshash=";

    public ConnectionRequest {
        if (routingToken != null && cookie != null) {
            throw RdpException.argument(PDU, "routingToken", "and cookie are mutually exclusive");
        }
        checkLine(routingToken, "routingToken");
        checkLine(cookie, "cookie");
        if (correlationInfo != null && (negotiation == null
                || (negotiation.flags() & NegotiationRequest.CORRELATION_INFO_PRESENT) == 0)) {
            throw RdpException.argument(PDU, "correlationInfo", "needs RDP_NEG_REQ with CORRELATION_INFO_PRESENT");
        }
        if (negotiation != null && correlationInfo == null
                && (negotiation.flags() & NegotiationRequest.CORRELATION_INFO_PRESENT) != 0) {
            throw RdpException.argument(PDU, "negotiation.flags", "CORRELATION_INFO_PRESENT set without correlation info");
        }
        int total = TpktHeader.SIZE + X224.CONNECTION_HEADER_SIZE + lineSize(routingToken, cookie)
                + (negotiation == null ? 0 : NegotiationRequest.SIZE)
                + (correlationInfo == null ? 0 : CorrelationInfo.SIZE);
        if (total - TpktHeader.SIZE - 1 > 254) {
            throw RdpException.argument(PDU, routingToken != null ? "routingToken" : "cookie",
                    "too long: the X.224 length indicator cannot exceed 254");
        }
    }

    /** A request with a {@code mstshash} cookie and the given protocols. */
    public static ConnectionRequest withCookie(String identifier, int requestedProtocols) {
        return new ConnectionRequest(null, identifier, new NegotiationRequest(0, requestedProtocols), null);
    }

    /** A request carrying a broker's routing token (load-balance info) and the given protocols. */
    public static ConnectionRequest withRoutingToken(String token, int requestedProtocols) {
        return new ConnectionRequest(token, null, new NegotiationRequest(0, requestedProtocols), null);
    }

    private static void checkLine(String line, String field) {
        if (line == null) {
            return;
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c > 0xFF) {
                throw RdpException.argument(PDU, field, "character at " + i + " is not a single byte");
            }
            if (c == '\r' || c == '\n') {
                throw RdpException.argument(PDU, field, "must not contain CR or LF");
            }
        }
    }

    private static int lineSize(String routingToken, String cookie) {
        if (routingToken != null) {
            return routingToken.length() + 2;
        }
        if (cookie != null) {
            return COOKIE_PREFIX.length() + cookie.length() + 2;
        }
        return 0;
    }

    public int size() {
        return TpktHeader.SIZE + X224.CONNECTION_HEADER_SIZE + lineSize(routingToken, cookie)
                + (negotiation == null ? 0 : NegotiationRequest.SIZE)
                + (correlationInfo == null ? 0 : CorrelationInfo.SIZE);
    }

    public void encode(ByteBuf out) {
        int size = size();
        new TpktHeader(size).encode(out);
        out.writeByte(size - TpktHeader.SIZE - 1); // LI: TPDU header length without the LI byte
        out.writeByte(X224.TPDU_CONNECTION_REQUEST);
        out.writeShort(0); // DST-REF
        out.writeShort(0); // SRC-REF
        out.writeByte(0); // class 0, no options
        if (routingToken != null) {
            out.writeCharSequence(routingToken, StandardCharsets.ISO_8859_1);
            out.writeByte('\r').writeByte('\n');
        } else if (cookie != null) {
            out.writeCharSequence(COOKIE_PREFIX, StandardCharsets.ISO_8859_1);
            out.writeCharSequence(cookie, StandardCharsets.ISO_8859_1);
            out.writeByte('\r').writeByte('\n');
        }
        if (negotiation != null) {
            negotiation.encode(out);
        }
        if (correlationInfo != null) {
            correlationInfo.encode(out);
        }
    }

    /** Decodes one whole packet (TPKT header included); the packet must be entirely readable. */
    public static ConnectionRequest decode(ByteBuf in) {
        TpktHeader tpkt = TpktHeader.decode(in);
        int body = tpkt.packetLength() - TpktHeader.SIZE;
        Wire.need(in, body, PDU, "packet");
        ByteBuf tpdu = in.readSlice(body);
        Wire.need(tpdu, X224.CONNECTION_HEADER_SIZE, PDU, "x224Crq");
        int li = tpdu.readUnsignedByte();
        if (li != body - 1) {
            throw RdpException.malformed(PDU, "lengthIndicator", li + " disagrees with TPKT length (expected " + (body - 1) + ")");
        }
        int code = tpdu.readUnsignedByte();
        if ((code & 0xF0) != X224.TPDU_CONNECTION_REQUEST) {
            throw RdpException.malformed(PDU, "type", String.format("0x%02x is not a CR TPDU", code));
        }
        tpdu.skipBytes(5); // DST-REF, SRC-REF, class
        String routingToken = null;
        String cookie = null;
        if (tpdu.isReadable() && tpdu.getUnsignedByte(tpdu.readerIndex()) != NegotiationRequest.TYPE) {
            int start = tpdu.readerIndex();
            int end = -1;
            for (int i = start; i + 1 < tpdu.writerIndex(); i++) {
                if (tpdu.getByte(i) == '\r' && tpdu.getByte(i + 1) == '\n') {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                throw RdpException.malformed(PDU, "routingToken", "has no CR LF terminator");
            }
            String line = tpdu.toString(start, end - start, StandardCharsets.ISO_8859_1);
            tpdu.readerIndex(end + 2);
            if (line.startsWith(COOKIE_PREFIX)) {
                cookie = line.substring(COOKIE_PREFIX.length());
            } else {
                routingToken = line;
            }
        }
        NegotiationRequest negotiation = null;
        CorrelationInfo correlation = null;
        if (tpdu.isReadable()) {
            negotiation = NegotiationRequest.decode(tpdu);
            if ((negotiation.flags() & NegotiationRequest.CORRELATION_INFO_PRESENT) != 0) {
                correlation = CorrelationInfo.decode(tpdu);
            }
        }
        if (tpdu.isReadable()) {
            throw RdpException.malformed(PDU, "packet", tpdu.readableBytes() + " unexpected trailing bytes");
        }
        try {
            return new ConnectionRequest(routingToken, cookie, negotiation, correlation);
        } catch (RdpException e) {
            throw new RdpException(RdpException.Kind.MALFORMED, e.getMessage(), e);
        }
    }
}
