package dev.porthole.rdp.protocol.pdu.license;

import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPELE 2.2.2.4 Server Platform Challenge (SERVER_PLATFORM_CHALLENGE): reserved connect flags, the
 * RC4-encrypted challenge and the MAC over the clear challenge.
 */
public record ServerPlatformChallenge(int connectFlags, LicenseBinaryBlob encryptedPlatformChallenge, Bytes macData)
        implements LicenseMessage {

    static final String PDU = "SERVER_PLATFORM_CHALLENGE";

    public ServerPlatformChallenge {
        LicenseFields.present(encryptedPlatformChallenge, PDU, "EncryptedPlatformChallenge");
        LicenseFields.fixed(macData, MAC_SIZE, PDU, "MACData");
    }

    @Override
    public int msgType() {
        return PLATFORM_CHALLENGE;
    }

    @Override
    public int bodySize() {
        return 4 + encryptedPlatformChallenge.size() + MAC_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(connectFlags);
        encryptedPlatformChallenge.encode(out);
        macData.writeTo(out);
    }

    static ServerPlatformChallenge decodeBody(ByteBuf in) {
        Wire.need(in, 4, PDU, "ConnectFlags");
        int flags = in.readIntLE();
        LicenseBinaryBlob challenge = LicenseBinaryBlob.decode(in, PDU, "EncryptedPlatformChallenge");
        return new ServerPlatformChallenge(flags, challenge, Bytes.read(in, MAC_SIZE, PDU, "MACData"));
    }
}
