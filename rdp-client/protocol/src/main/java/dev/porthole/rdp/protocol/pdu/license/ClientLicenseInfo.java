package dev.porthole.rdp.protocol.pdu.license;

import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPELE 2.2.2.3 Client License Information (CLIENT_LICENSE_INFO): the client presents a stored
 * license (BB_DATA_BLOB), its encrypted hardware id and the MAC over the clear hardware id.
 */
public record ClientLicenseInfo(int preferredKeyExchangeAlg, int platformId, Bytes clientRandom,
                                LicenseBinaryBlob encryptedPreMasterSecret, LicenseBinaryBlob licenseInfo,
                                LicenseBinaryBlob encryptedHwid, Bytes macData) implements LicenseMessage {

    static final String PDU = "CLIENT_LICENSE_INFO";

    public ClientLicenseInfo {
        LicenseFields.fixed(clientRandom, 32, PDU, "ClientRandom");
        LicenseFields.present(encryptedPreMasterSecret, PDU, "EncryptedPreMasterSecret");
        LicenseFields.present(licenseInfo, PDU, "LicenseInfo");
        LicenseFields.present(encryptedHwid, PDU, "EncryptedHWID");
        LicenseFields.fixed(macData, MAC_SIZE, PDU, "MACData");
    }

    @Override
    public int msgType() {
        return LICENSE_INFO;
    }

    @Override
    public int bodySize() {
        return 8 + 32 + encryptedPreMasterSecret.size() + licenseInfo.size() + encryptedHwid.size() + MAC_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(preferredKeyExchangeAlg);
        out.writeIntLE(platformId);
        clientRandom.writeTo(out);
        encryptedPreMasterSecret.encode(out);
        licenseInfo.encode(out);
        encryptedHwid.encode(out);
        macData.writeTo(out);
    }

    static ClientLicenseInfo decodeBody(ByteBuf in) {
        Wire.need(in, 8, PDU, "PreferredKeyExchangeAlg/PlatformId");
        int alg = in.readIntLE();
        int platform = in.readIntLE();
        Bytes random = Bytes.read(in, 32, PDU, "ClientRandom");
        LicenseBinaryBlob secret = LicenseBinaryBlob.decode(in, PDU, "EncryptedPreMasterSecret");
        LicenseBinaryBlob license = LicenseBinaryBlob.decode(in, PDU, "LicenseInfo");
        LicenseBinaryBlob hwid = LicenseBinaryBlob.decode(in, PDU, "EncryptedHWID");
        return new ClientLicenseInfo(alg, platform, random, secret, license, hwid, Bytes.read(in, MAC_SIZE, PDU, "MACData"));
    }
}
