package dev.porthole.rdp.protocol.pdu.license;

import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPELE 2.2.2.6 Server Upgrade License (SERVER_UPGRADE_LICENSE): an upgraded license replacing the stored one, as the RC4-encrypted
 * {@link NewLicenseInfo} (BB_ENCRYPTED_DATA_BLOB) and the MAC over it in clear.
 */
public record ServerUpgradeLicense(LicenseBinaryBlob encryptedLicenseInfo, Bytes macData) implements LicenseMessage {

    static final String PDU = "SERVER_UPGRADE_LICENSE";

    public ServerUpgradeLicense {
        LicenseFields.present(encryptedLicenseInfo, PDU, "EncryptedLicenseInfo");
        LicenseFields.fixed(macData, MAC_SIZE, PDU, "MACData");
    }

    @Override
    public int msgType() {
        return UPGRADE_LICENSE;
    }

    @Override
    public int bodySize() {
        return encryptedLicenseInfo.size() + MAC_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        encryptedLicenseInfo.encode(out);
        macData.writeTo(out);
    }

    static ServerUpgradeLicense decodeBody(ByteBuf in) {
        LicenseBinaryBlob info = LicenseBinaryBlob.decode(in, PDU, "EncryptedLicenseInfo");
        return new ServerUpgradeLicense(info, Bytes.read(in, MAC_SIZE, PDU, "MACData"));
    }
}
