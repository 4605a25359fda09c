package dev.porthole.rdp.protocol.pdu.license;

import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Utf16;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPELE 2.2.2.1.1 Product Information (PRODUCT_INFO): the license version and two NUL-terminated
 * UTF-16 strings whose 32-bit byte counts include the terminator.
 *
 * @param version high word: server OS major version, low word: minor version
 * @param productId "A02" for per-device or per-user licenses
 */
public record ProductInfo(int version, String companyName, String productId) {

    static final String PDU = "PRODUCT_INFO";

    public ProductInfo {
        Utf16.check(companyName, 0xFFFF, true, PDU, "pbCompanyName");
        Utf16.check(productId, 0xFFFF, true, PDU, "pbProductId");
    }

    static ProductInfo decode(ByteBuf in) {
        Wire.need(in, 4, PDU, "dwVersion");
        int version = in.readIntLE();
        int cbCompany = LicenseFields.length32(in, PDU, "cbCompanyName");
        String company = Utf16.readTerminated(in, cbCompany, PDU, "pbCompanyName");
        int cbProduct = LicenseFields.length32(in, PDU, "cbProductId");
        String product = Utf16.readTerminated(in, cbProduct, PDU, "pbProductId");
        return Wire.decoded(() -> new ProductInfo(version, company, product));
    }

    void encode(ByteBuf out) {
        out.writeIntLE(version);
        out.writeIntLE(Utf16.size(companyName) + 2);
        Utf16.writeTerminated(out, companyName);
        out.writeIntLE(Utf16.size(productId) + 2);
        Utf16.writeTerminated(out, productId);
    }

    int size() {
        return 4 + 4 + Utf16.size(companyName) + 2 + 4 + Utf16.size(productId) + 2;
    }
}
