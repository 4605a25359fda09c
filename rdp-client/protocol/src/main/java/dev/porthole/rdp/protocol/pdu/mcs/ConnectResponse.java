package dev.porthole.rdp.protocol.pdu.mcs;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.ber.Ber;
import dev.porthole.rdp.protocol.pdu.gcc.ConferenceCreateResponse;
import dev.porthole.rdp.protocol.pdu.x224.DataTpdu;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.4 Server MCS Connect Response PDU with GCC Conference Create Response: TPKT, X.224
 * data, BER T.125 Connect-Response (APPLICATION 102) with result, connect id, domain parameters and
 * the GCC response as user data.
 */
public record ConnectResponse(int result, int calledConnectId, DomainParameters domainParameters,
                              ConferenceCreateResponse gcc) {

    static final String PDU = "MCS Connect-Response";
    public static final int APPLICATION_TAG = 102;
    public static final int RT_SUCCESSFUL = 0;

    private int contentSize() {
        return 3 + Ber.integerSize(calledConnectId) + domainParameters.size() + Ber.octetStringSize(gcc.size());
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
        Ber.writeEnumerated(out, result);
        Ber.writeInteger(out, calledConnectId);
        domainParameters.encode(out);
        Ber.writeOctetStringHeader(out, gcc.size());
        gcc.encode(out);
    }

    /**
     * @throws RdpException NEGOTIATION when the server's result is not rt-successful (T.125 Result)
     */
    public static ConnectResponse decode(ByteBuf in) {
        ByteBuf payload = DataTpdu.readPayload(in);
        int length = Ber.readApplicationTag(payload, APPLICATION_TAG, PDU, "Connect-Response");
        ByteBuf cr = payload.readSlice(length);
        int result = Ber.readEnumerated(cr, PDU, "result");
        if (result != RT_SUCCESSFUL) {
            throw new RdpException(RdpException.Kind.NEGOTIATION, PDU + ".result: the server refused the MCS connection ("
                    + resultName(result) + ")");
        }
        int connectId = (int) Ber.readInteger(cr, PDU, "calledConnectId");
        DomainParameters params = DomainParameters.decode(cr, "domainParameters");
        int user = Ber.readTag(cr, Ber.TAG_OCTET_STRING, PDU, "userData");
        ConferenceCreateResponse gcc = ConferenceCreateResponse.decode(cr.readSlice(user));
        return new ConnectResponse(result, connectId, params, gcc);
    }

    /** T.125 Result names. */
    static String resultName(int result) {
        String[] names = {"rt-successful", "rt-domain-merging", "rt-domain-not-hierarchical", "rt-no-such-channel",
                "rt-no-such-domain", "rt-no-such-user", "rt-not-admitted", "rt-other-user-id", "rt-parameters-unacceptable",
                "rt-token-not-available", "rt-token-not-possessed", "rt-too-many-channels", "rt-too-many-tokens",
                "rt-too-many-users", "rt-unspecified-failure", "rt-user-rejected"};
        return result < names.length ? names[result] : "result " + result;
    }
}
