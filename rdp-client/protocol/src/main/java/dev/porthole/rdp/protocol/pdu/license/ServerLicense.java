package dev.porthole.rdp.protocol.pdu.license;

import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPELE 2.2.2.7 Server New License (SERVER_NEW_LICENSE) and 2.2.2.6 Server Upgrade License
 * (SERVER_UPGRADE_LICENSE), which share one body: the RC4-encrypted {@link NewLicenseInfo}
 * (BB_ENCRYPTED_DATA_BLOB) and the MAC over it in clear. {@code upgrade} tells which message it is
 * (an upgraded license replaces the stored one; a new license is stored for the first time).
 */
public record ServerLicense(boolean upgrade, LicenseBinaryBlob encryptedLicenseInfo, Bytes macData) implements LicenseMessage {

    public ServerLicense {
        String pdu = pduName(upgrade);
        LicenseFields.present(encryptedLicenseInfo, pdu, "EncryptedLicenseInfo");
        LicenseFields.fixed(macData, MAC_SIZE, pdu, "MACData");
    }

    /** A Server New License. */
    public static ServerLicense issued(LicenseBinaryBlob encryptedLicenseInfo, Bytes macData) {
        return new ServerLicense(false, encryptedLicenseInfo, macData);
    }

    /** A Server Upgrade License. */
    public static ServerLicense upgraded(LicenseBinaryBlob encryptedLicenseInfo, Bytes macData) {
        return new ServerLicense(true, encryptedLicenseInfo, macData);
    }

    private static String pduName(boolean upgrade) {
        return upgrade ? "SERVER_UPGRADE_LICENSE" : "SERVER_NEW_LICENSE";
    }

    @Override
    public int msgType() {
        return upgrade ? UPGRADE_LICENSE : NEW_LICENSE;
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

    static ServerLicense decodeBody(ByteBuf in, boolean upgrade) {
        String pdu = pduName(upgrade);
        LicenseBinaryBlob info = LicenseBinaryBlob.decode(in, pdu, "EncryptedLicenseInfo");
        return new ServerLicense(upgrade, info, Bytes.read(in, MAC_SIZE, pdu, "MACData"));
    }
}
