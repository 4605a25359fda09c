package dev.porthole.rdp.protocol.pdu.gcc;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.per.Per;
import io.netty.buffer.ByteBuf;

/**
 * T.124 GCC Conference Create Request wrapped in ConnectData (MS-RDPBCGR 2.2.1.3.1), PER encoded,
 * carrying the client data blocks under the H.221 key "Duca".
 */
public record ConferenceCreateRequest(ClientData clientData) {

    static final String PDU = "GCC Conference Create Request";

    /** ConnectData key: CHOICE object (0), length 5, OID {0 0 20 124 0 1} (T.124 version 1). */
    static final byte[] T124_KEY = {0x00, 0x05, 0x00, 0x14, 0x7C, 0x00, 0x01};
    /** ConferenceCreateRequest up to the H.221 key: name "1", userData present, one set, h221NonStandard "Duca". */
    static final byte[] CREATE_REQUEST_PREFIX = {0x00, 0x08, 0x00, 0x10, 0x00, 0x01, (byte) 0xC0, 0x00, 'D', 'u', 'c', 'a'};

    public int size() {
        int user = clientData.size();
        int connectPdu = CREATE_REQUEST_PREFIX.length + Per.lengthSize(user) + user;
        return T124_KEY.length + Per.lengthSize(connectPdu) + connectPdu;
    }

    public void encode(ByteBuf out) {
        int user = clientData.size();
        int connectPdu = CREATE_REQUEST_PREFIX.length + Per.lengthSize(user) + user;
        out.writeBytes(T124_KEY);
        Per.writeLength(out, connectPdu);
        out.writeBytes(CREATE_REQUEST_PREFIX);
        Per.writeLength(out, user);
        clientData.encode(out);
    }

    /** Decodes exactly the user data of an MCS Connect Initial. */
    public static ConferenceCreateRequest decode(ByteBuf in) {
        Per.expectBytes(in, T124_KEY, PDU, "key");
        int connectPdu = Per.readLength(in, PDU, "connectPDU");
        Wire.need(in, connectPdu, PDU, "connectPDU");
        Per.expectBytes(in, CREATE_REQUEST_PREFIX, PDU, "conferenceCreateRequest");
        int user = Per.readLength(in, PDU, "userData");
        Wire.need(in, user, PDU, "userData");
        ClientData data = ClientData.decode(in.readSlice(user));
        if (in.isReadable()) {
            throw RdpException.malformed(PDU, "userData", in.readableBytes() + " trailing bytes");
        }
        return new ConferenceCreateRequest(data);
    }
}
