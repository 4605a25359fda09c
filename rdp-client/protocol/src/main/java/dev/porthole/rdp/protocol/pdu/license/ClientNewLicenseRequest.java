package dev.porthole.rdp.protocol.pdu.license;

import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPELE 2.2.2.2 Client New License Request (CLIENT_NEW_LICENSE_REQUEST): the client's answer when it
 * holds no license. The premaster secret blob (BB_RANDOM_BLOB) is RSA-encrypted by the caller; the user
 * and machine names are NUL-terminated ANSI blobs ({@link LicenseBinaryBlob#ansi}).
 *
 * @param platformId OS id in the high byte, ISV id in the next byte, build in the low word
 */
public record ClientNewLicenseRequest(int preferredKeyExchangeAlg, int platformId, Bytes clientRandom,
                                      LicenseBinaryBlob encryptedPreMasterSecret, LicenseBinaryBlob clientUserName,
                                      LicenseBinaryBlob clientMachineName) implements LicenseMessage {

    static final String PDU = "CLIENT_NEW_LICENSE_REQUEST";

    public ClientNewLicenseRequest {
        LicenseFields.fixed(clientRandom, 32, PDU, "ClientRandom");
        LicenseFields.present(encryptedPreMasterSecret, PDU, "EncryptedPreMasterSecret");
        LicenseFields.present(clientUserName, PDU, "ClientUserName");
        LicenseFields.present(clientMachineName, PDU, "ClientMachineName");
    }

    @Override
    public int msgType() {
        return NEW_LICENSE_REQUEST;
    }

    @Override
    public int bodySize() {
        return 8 + 32 + encryptedPreMasterSecret.size() + clientUserName.size() + clientMachineName.size();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(preferredKeyExchangeAlg);
        out.writeIntLE(platformId);
        clientRandom.writeTo(out);
        encryptedPreMasterSecret.encode(out);
        clientUserName.encode(out);
        clientMachineName.encode(out);
    }

    static ClientNewLicenseRequest decodeBody(ByteBuf in) {
        Wire.need(in, 8, PDU, "PreferredKeyExchangeAlg/PlatformId");
        int alg = in.readIntLE();
        int platform = in.readIntLE();
        Bytes random = Bytes.read(in, 32, PDU, "ClientRandom");
        return new ClientNewLicenseRequest(alg, platform, random,
                LicenseBinaryBlob.decode(in, PDU, "EncryptedPreMasterSecret"),
                LicenseBinaryBlob.decode(in, PDU, "ClientUserName"),
                LicenseBinaryBlob.decode(in, PDU, "ClientMachineName"));
    }
}
