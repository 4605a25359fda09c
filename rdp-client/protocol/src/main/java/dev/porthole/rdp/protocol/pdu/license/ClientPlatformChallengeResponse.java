package dev.porthole.rdp.protocol.pdu.license;

import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPELE 2.2.2.5 Client Platform Challenge Response (CLIENT_PLATFORM_CHALLENGE_RESPONSE): the
 * encrypted {@link PlatformChallengeResponseData}, the encrypted {@link ClientHardwareId} and the MAC
 * over both in clear.
 */
public record ClientPlatformChallengeResponse(LicenseBinaryBlob encryptedPlatformChallengeResponse,
                                              LicenseBinaryBlob encryptedHwid, Bytes macData) implements LicenseMessage {

    static final String PDU = "CLIENT_PLATFORM_CHALLENGE_RESPONSE";

    public ClientPlatformChallengeResponse {
        LicenseFields.present(encryptedPlatformChallengeResponse, PDU, "EncryptedPlatformChallengeResponse");
        LicenseFields.present(encryptedHwid, PDU, "EncryptedHWID");
        LicenseFields.fixed(macData, MAC_SIZE, PDU, "MACData");
    }

    @Override
    public int msgType() {
        return PLATFORM_CHALLENGE_RESPONSE;
    }

    @Override
    public int bodySize() {
        return encryptedPlatformChallengeResponse.size() + encryptedHwid.size() + MAC_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        encryptedPlatformChallengeResponse.encode(out);
        encryptedHwid.encode(out);
        macData.writeTo(out);
    }

    static ClientPlatformChallengeResponse decodeBody(ByteBuf in) {
        LicenseBinaryBlob response = LicenseBinaryBlob.decode(in, PDU, "EncryptedPlatformChallengeResponse");
        LicenseBinaryBlob hwid = LicenseBinaryBlob.decode(in, PDU, "EncryptedHWID");
        return new ClientPlatformChallengeResponse(response, hwid, Bytes.read(in, MAC_SIZE, PDU, "MACData"));
    }
}
