package dev.porthole.rdp.protocol.pdu.license;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPELE 2.2.2.5.1 Platform Challenge Response Data (PLATFORM_CHALLENGE_RESPONSE_DATA), the clear
 * text that {@link ClientPlatformChallengeResponse} carries encrypted.
 *
 * @param challenge the decrypted server challenge, echoed back
 */
public record PlatformChallengeResponseData(int version, int clientType, int licenseDetailLevel, Bytes challenge) {

    static final String PDU = "PLATFORM_CHALLENGE_RESPONSE_DATA";

    public static final int VERSION = 0x0100;
    public static final int WIN32_PLATFORMCHALLENGE_TYPE = 0x0100;
    public static final int WIN16_PLATFORMCHALLENGE_TYPE = 0x0200;
    public static final int WINCE_PLATFORMCHALLENGE_TYPE = 0x0300;
    public static final int OTHER_PLATFORMCHALLENGE_TYPE = 0xFF00;
    public static final int LICENSE_DETAIL_SIMPLE = 0x0001;
    public static final int LICENSE_DETAIL_MODERATE = 0x0002;
    public static final int LICENSE_DETAIL_DETAIL = 0x0003;

    public PlatformChallengeResponseData {
        Wire.requireUnsigned(version, 16, PDU, "wVersion");
        Wire.requireUnsigned(clientType, 16, PDU, "wClientType");
        Wire.requireUnsigned(licenseDetailLevel, 16, PDU, "wLicenseDetailLevel");
        if (challenge == null || challenge.length() > 0xFFFF) {
            throw RdpException.argument(PDU, "pbChallenge", "must be present and at most 65535 bytes");
        }
    }

    public static PlatformChallengeResponseData decode(ByteBuf in) {
        Wire.need(in, 8, PDU, "fixed fields");
        int version = in.readUnsignedShortLE();
        int type = in.readUnsignedShortLE();
        int level = in.readUnsignedShortLE();
        int cb = in.readUnsignedShortLE();
        return new PlatformChallengeResponseData(version, type, level, Bytes.read(in, cb, PDU, "pbChallenge"));
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(version);
        out.writeShortLE(clientType);
        out.writeShortLE(licenseDetailLevel);
        out.writeShortLE(challenge.length());
        challenge.writeTo(out);
    }

    public int size() {
        return 8 + challenge.length();
    }
}
