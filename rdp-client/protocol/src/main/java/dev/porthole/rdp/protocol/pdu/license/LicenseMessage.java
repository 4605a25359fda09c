package dev.porthole.rdp.protocol.pdu.license;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/**
 * The licensing messages that follow the licensing preamble (MS-RDPBCGR 2.2.1.12.1.1, MS-RDPELE 2.2.2).
 * These are codecs only: the fields that MS-RDPELE encrypts (premaster secret, platform challenge,
 * hardware id, license info) stay opaque blobs here; the key exchange, key derivation, RC4 and MACs
 * (MS-RDPELE 5.1) are {@link dev.porthole.rdp.protocol.license.LicenseClient}'s.
 */
public sealed interface LicenseMessage permits ServerLicenseRequest, ClientNewLicenseRequest, ClientLicenseInfo,
        ServerPlatformChallenge, ClientPlatformChallengeResponse, ServerLicense,
        LicenseErrorMessage {

    /** bMsgType values (MS-RDPBCGR 2.2.1.12.1.1). */
    int LICENSE_REQUEST = 0x01;
    int PLATFORM_CHALLENGE = 0x02;
    int NEW_LICENSE = 0x03;
    int UPGRADE_LICENSE = 0x04;
    int LICENSE_INFO = 0x12;
    int NEW_LICENSE_REQUEST = 0x13;
    int PLATFORM_CHALLENGE_RESPONSE = 0x15;
    int ERROR_ALERT = 0xFF;

    /** Length of the MACData fields (an MD5 digest). */
    int MAC_SIZE = 16;

    int msgType();

    /** Bytes after the preamble. */
    int bodySize();

    void encodeBody(ByteBuf out);

    /** Decodes the message of {@code msgType}; {@code body} holds exactly its bytes (wMsgSize - 4). */
    static LicenseMessage decode(int msgType, ByteBuf body) {
        LicenseMessage m = switch (msgType) {
            case LICENSE_REQUEST -> ServerLicenseRequest.decodeBody(body);
            case PLATFORM_CHALLENGE -> ServerPlatformChallenge.decodeBody(body);
            case NEW_LICENSE -> ServerLicense.decodeBody(body, false);
            case UPGRADE_LICENSE -> ServerLicense.decodeBody(body, true);
            case LICENSE_INFO -> ClientLicenseInfo.decodeBody(body);
            case NEW_LICENSE_REQUEST -> ClientNewLicenseRequest.decodeBody(body);
            case PLATFORM_CHALLENGE_RESPONSE -> ClientPlatformChallengeResponse.decodeBody(body);
            case ERROR_ALERT -> LicenseErrorMessage.decodeBody(body);
            default -> throw RdpException.malformed(LicensePdu.PDU, "preamble.bMsgType",
                    String.format("unknown licensing message 0x%02x", msgType));
        };
        if (body.isReadable()) {
            throw RdpException.malformed(m.getClass().getSimpleName(), "wMsgSize",
                    body.readableBytes() + " bytes after the message");
        }
        return m;
    }
}
