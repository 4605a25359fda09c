package dev.porthole.rdp.protocol.pdu.mcs;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.ber.Ber;
import dev.porthole.rdp.protocol.pdu.gcc.ConferenceCreateRequest;
import dev.porthole.rdp.protocol.pdu.x224.DataTpdu;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.3 Client MCS Connect Initial PDU with GCC Conference Create Request: TPKT, X.224
 * data, then the BER-encoded T.125 Connect-Initial (APPLICATION 101) whose userData is the GCC request.
 */
public record ConnectInitial(DomainParameters target, DomainParameters minimum, DomainParameters maximum,
                             ConferenceCreateRequest gcc) {

    static final String PDU = "MCS Connect-Initial";
    public static final int APPLICATION_TAG = 101;

    /** A Connect Initial with the parameters every RDP client sends (MS-RDPBCGR 4.1.3). */
    public static ConnectInitial of(ConferenceCreateRequest gcc) {
        return new ConnectInitial(DomainParameters.TARGET, DomainParameters.MINIMUM, DomainParameters.MAXIMUM, gcc);
    }

    private int contentSize() {
        return 3 + 3 + 3 + target.size() + minimum.size() + maximum.size() + Ber.octetStringSize(gcc.size());
    }

    private int berSize() {
        int c = contentSize();
        return 2 + Ber.lengthSize(c) + c;
    }

    public int size() {
        return DataTpdu.OVERHEAD + berSize();
    }

    public void encode(ByteBuf out) {
        DataTpdu.writeHeader(out, berSize());
        Ber.writeApplicationTag(out, APPLICATION_TAG, contentSize());
        Ber.writeOctetStringHeader(out, 1);
        out.writeByte(1); // callingDomainSelector
        Ber.writeOctetStringHeader(out, 1);
        out.writeByte(1); // calledDomainSelector
        Ber.writeBoolean(out, true); // upwardFlag
        target.encode(out);
        minimum.encode(out);
        maximum.encode(out);
        Ber.writeOctetStringHeader(out, gcc.size());
        gcc.encode(out);
    }

    public static ConnectInitial decode(ByteBuf in) {
        ByteBuf payload = DataTpdu.readPayload(in);
        int length = Ber.readApplicationTag(payload, APPLICATION_TAG, PDU, "Connect-Initial");
        ByteBuf ci = payload.readSlice(length);
        ci.skipBytes(Ber.readTag(ci, Ber.TAG_OCTET_STRING, PDU, "callingDomainSelector"));
        ci.skipBytes(Ber.readTag(ci, Ber.TAG_OCTET_STRING, PDU, "calledDomainSelector"));
        Ber.readBoolean(ci, PDU, "upwardFlag");
        DomainParameters target = DomainParameters.decode(ci, "targetParameters");
        DomainParameters min = DomainParameters.decode(ci, "minimumParameters");
        DomainParameters max = DomainParameters.decode(ci, "maximumParameters");
        int user = Ber.readTag(ci, Ber.TAG_OCTET_STRING, PDU, "userData");
        ConferenceCreateRequest gcc = ConferenceCreateRequest.decode(ci.readSlice(user));
        if (ci.isReadable() || payload.isReadable()) {
            throw RdpException.malformed(PDU, "Connect-Initial", "trailing bytes");
        }
        return Wire.decoded(() -> new ConnectInitial(target, min, max, gcc));
    }
}
