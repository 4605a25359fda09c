package dev.porthole.rdp.protocol.pdu.gcc;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.per.Per;
import io.netty.buffer.ByteBuf;

/**
 * T.124 GCC Conference Create Response wrapped in ConnectData (MS-RDPBCGR 2.2.1.4.1), PER encoded,
 * carrying the server data blocks under the H.221 key "McDn".
 *
 * @param nodeId the GCC node id (UserID, 1001..65535)
 * @param tag    the conference tag
 */
public record ConferenceCreateResponse(int nodeId, int tag, ServerData serverData) {

    static final String PDU = "GCC Conference Create Response";
    static final byte[] H221_SERVER_KEY = {'M', 'c', 'D', 'n'};

    public ConferenceCreateResponse {
        if (nodeId < 1001 || nodeId > 65535) {
            throw RdpException.argument(PDU, "nodeID", nodeId + " outside 1001..65535");
        }
        Wire.requireUnsigned(tag, 8, PDU, "tag");
    }

    public int size() {
        int user = serverData.size();
        int connectPdu = 1 + 2 + 2 + 1 + 1 + 1 + 1 + 4 + Per.lengthSize(user) + user;
        return ConferenceCreateRequest.T124_KEY.length + Per.lengthSize(connectPdu) + connectPdu;
    }

    public void encode(ByteBuf out) {
        int user = serverData.size();
        int connectPdu = size() - ConferenceCreateRequest.T124_KEY.length - Per.lengthSize(
                1 + 2 + 2 + 1 + 1 + 1 + 1 + 4 + Per.lengthSize(user) + user);
        out.writeBytes(ConferenceCreateRequest.T124_KEY);
        Per.writeLength(out, connectPdu);
        out.writeByte(0x14); // CHOICE conferenceCreateResponse, userData present
        Per.writeInteger16(out, nodeId, 1001);
        out.writeByte(1); // tag: INTEGER of one byte
        out.writeByte(tag);
        out.writeByte(0); // result: success
        out.writeByte(1); // one UserData set
        out.writeByte(0xC0); // value present, h221NonStandard
        out.writeByte(0); // key length 4 (lower bound 4)
        out.writeBytes(H221_SERVER_KEY);
        Per.writeLength(out, user);
        serverData.encode(out);
    }

    /** Decodes exactly the user data of an MCS Connect Response. */
    public static ConferenceCreateResponse decode(ByteBuf in) {
        Per.expectBytes(in, ConferenceCreateRequest.T124_KEY, PDU, "key");
        Per.readLength(in, PDU, "connectPDU"); // servers send inaccurate values here (MS-RDPBCGR 4.1.4)
        Wire.need(in, 1, PDU, "choice");
        int choice = in.readUnsignedByte();
        if (choice != 0x14) {
            throw RdpException.malformed(PDU, "choice", String.format("0x%02x is not conferenceCreateResponse (0x14)", choice));
        }
        int nodeId = Per.readInteger16(in, 1001, PDU, "nodeID");
        long tag = Per.readInteger(in, PDU, "tag");
        Wire.need(in, 3, PDU, "result");
        int result = in.readUnsignedByte();
        if (result != 0) {
            throw new RdpException(RdpException.Kind.NEGOTIATION, PDU + ".result: the server refused the conference (result " + result + ")");
        }
        int sets = in.readUnsignedByte();
        if (sets != 1) {
            throw RdpException.malformed(PDU, "userData", sets + " UserData sets, expected 1");
        }
        int valueChoice = in.readUnsignedByte();
        if (valueChoice != 0xC0) {
            throw RdpException.malformed(PDU, "userData.key", String.format("0x%02x is not an h221NonStandard key with value", valueChoice));
        }
        Wire.need(in, 1, PDU, "h221NonStandard.length");
        int keyLength = in.readUnsignedByte() + 4;
        if (keyLength != 4) {
            throw RdpException.malformed(PDU, "h221NonStandard", "key of " + keyLength + " bytes, expected 4");
        }
        Per.expectBytes(in, H221_SERVER_KEY, PDU, "h221NonStandard");
        int user = Per.readLength(in, PDU, "userData.value");
        Wire.need(in, user, PDU, "userData.value");
        ServerData data = ServerData.decode(in.readSlice(user));
        in.skipBytes(in.readableBytes());
        int t = (int) (tag & 0xFF);
        return Wire.decoded(() -> new ConferenceCreateResponse(nodeId, t, data));
    }
}
