package dev.porthole.rdp.protocol.pdu.license;

import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPELE 2.2.2.7 Server New License (SERVER_NEW_LICENSE): a newly issued license, as the RC4-encrypted
 * {@link NewLicenseInfo} (BB_ENCRYPTED_DATA_BLOB) and the MAC over it in clear.
 */
public record ServerNewLicense(LicenseBinaryBlob encryptedLicenseInfo, Bytes macData) implements LicenseMessage {

    static final String PDU = "SERVER_NEW_LICENSE";

    public ServerNewLicense {
        LicenseFields.present(encryptedLicenseInfo, PDU, "EncryptedLicenseInfo");
        LicenseFields.fixed(macData, MAC_SIZE, PDU, "MACData");
    }

    @Override
    public int msgType() {
        return NEW_LICENSE;
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

    static ServerNewLicense decodeBody(ByteBuf in) {
        LicenseBinaryBlob info = LicenseBinaryBlob.decode(in, PDU, "EncryptedLicenseInfo");
        return new ServerNewLicense(info, Bytes.read(in, MAC_SIZE, PDU, "MACData"));
    }
}
