package dev.porthole.rdp.protocol.pdu.license;

import java.nio.charset.StandardCharsets;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import dev.porthole.rdp.protocol.pdu.rdp.Utf16;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPELE 2.2.2.6.1 New License Information (NEW_LICENSE_INFO), the clear text of the Server New and
 * Upgrade License messages: the indexing fields (version, issuer scope as NUL-terminated ANSI, company
 * and product as NUL-terminated UTF-16; every count includes the terminator) and the opaque license
 * (an X.509 chain the client stores and presents later).
 */
public record NewLicenseInfo(int version, String scope, String companyName, String productId, Bytes licenseInfo) {

    static final String PDU = "NEW_LICENSE_INFO";

    public NewLicenseInfo {
        if (scope == null || scope.indexOf('\0') >= 0 || !StandardCharsets.ISO_8859_1.newEncoder().canEncode(scope)) {
            throw RdpException.argument(PDU, "pbScope", "must be ISO-8859-1 text without NUL");
        }
        Utf16.check(companyName, Integer.MAX_VALUE, true, PDU, "pbCompanyName");
        Utf16.check(productId, Integer.MAX_VALUE, true, PDU, "pbProductId");
        if (licenseInfo == null) {
            throw RdpException.argument(PDU, "pbLicenseInfo", "is null");
        }
    }

    public static NewLicenseInfo decode(ByteBuf in) {
        Wire.need(in, 4, PDU, "dwVersion");
        int version = in.readIntLE();
        int cbScope = LicenseFields.length32(in, PDU, "cbScope");
        byte[] scope = new byte[cbScope];
        in.readBytes(scope);
        if (cbScope == 0 || scope[cbScope - 1] != 0) {
            throw RdpException.malformed(PDU, "pbScope", "is not NUL terminated");
        }
        String scopeText = new String(scope, 0, cbScope - 1, StandardCharsets.ISO_8859_1);
        int cbCompany = LicenseFields.length32(in, PDU, "cbCompanyName");
        String company = Utf16.readTerminated(in, cbCompany, PDU, "pbCompanyName");
        int cbProduct = LicenseFields.length32(in, PDU, "cbProductId");
        String product = Utf16.readTerminated(in, cbProduct, PDU, "pbProductId");
        int cbLicense = LicenseFields.length32(in, PDU, "cbLicenseInfo");
        Bytes license = Bytes.read(in, cbLicense, PDU, "pbLicenseInfo");
        return Wire.decoded(() -> new NewLicenseInfo(version, scopeText, company, product, license));
    }

    public void encode(ByteBuf out) {
        byte[] scopeBytes = scope.getBytes(StandardCharsets.ISO_8859_1);
        out.writeIntLE(version);
        out.writeIntLE(scopeBytes.length + 1);
        out.writeBytes(scopeBytes);
        out.writeByte(0);
        out.writeIntLE(Utf16.size(companyName) + 2);
        Utf16.writeTerminated(out, companyName);
        out.writeIntLE(Utf16.size(productId) + 2);
        Utf16.writeTerminated(out, productId);
        out.writeIntLE(licenseInfo.length());
        licenseInfo.writeTo(out);
    }

    public int size() {
        return 4 + 4 + scope.length() + 1 + 4 + Utf16.size(companyName) + 2 + 4 + Utf16.size(productId) + 2 + 4
                + licenseInfo.length();
    }
}
