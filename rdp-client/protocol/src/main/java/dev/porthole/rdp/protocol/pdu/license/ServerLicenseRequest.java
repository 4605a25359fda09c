package dev.porthole.rdp.protocol.pdu.license;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPELE 2.2.2.1 Server License Request (SERVER_LICENSE_REQUEST): the server random, the product
 * wanted, the key exchange algorithms (a BB_KEY_EXCHG_ALG_BLOB of 32-bit ids; only
 * KEY_EXCHANGE_ALG_RSA exists), the server certificate blob (possibly empty) and the scope list
 * (2.2.2.1.2: a 32-bit count of BB_SCOPE_BLOB blobs naming license issuers).
 */
public record ServerLicenseRequest(Bytes serverRandom, ProductInfo productInfo, LicenseBinaryBlob keyExchangeList,
                                   LicenseBinaryBlob serverCertificate, List<LicenseBinaryBlob> scopeList)
        implements LicenseMessage {

    static final String PDU = "SERVER_LICENSE_REQUEST";
    public static final int KEY_EXCHANGE_ALG_RSA = 0x00000001;

    public ServerLicenseRequest {
        LicenseFields.fixed(serverRandom, 32, PDU, "ServerRandom");
        if (productInfo == null) {
            throw RdpException.argument(PDU, "ProductInfo", "is null");
        }
        LicenseFields.present(keyExchangeList, PDU, "KeyExchangeList");
        LicenseFields.present(serverCertificate, PDU, "ServerCertificate");
        scopeList = List.copyOf(scopeList);
    }

    @Override
    public int msgType() {
        return LICENSE_REQUEST;
    }

    /** The key exchange algorithm ids of {@link #keyExchangeList()}. */
    public List<Integer> keyExchangeAlgorithms() {
        Bytes b = keyExchangeList.data();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i + 4 <= b.length(); i += 4) {
            ids.add((b.get(i) & 0xFF) | (b.get(i + 1) & 0xFF) << 8 | (b.get(i + 2) & 0xFF) << 16 | (b.get(i + 3) & 0xFF) << 24);
        }
        return ids;
    }

    /** The issuer names of the scope list. */
    public List<String> scopes() {
        return scopeList.stream().map(LicenseBinaryBlob::ansiText).toList();
    }

    @Override
    public int bodySize() {
        int size = 32 + productInfo.size() + keyExchangeList.size() + serverCertificate.size() + 4;
        for (LicenseBinaryBlob scope : scopeList) {
            size += scope.size();
        }
        return size;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        serverRandom.writeTo(out);
        productInfo.encode(out);
        keyExchangeList.encode(out);
        serverCertificate.encode(out);
        out.writeIntLE(scopeList.size());
        for (LicenseBinaryBlob scope : scopeList) {
            scope.encode(out);
        }
    }

    static ServerLicenseRequest decodeBody(ByteBuf in) {
        Bytes random = Bytes.read(in, 32, PDU, "ServerRandom");
        ProductInfo product = ProductInfo.decode(in);
        LicenseBinaryBlob keyExchange = LicenseBinaryBlob.decode(in, PDU, "KeyExchangeList");
        LicenseBinaryBlob certificate = LicenseBinaryBlob.decode(in, PDU, "ServerCertificate");
        Wire.need(in, 4, PDU, "ScopeList.ScopeCount");
        long count = in.readUnsignedIntLE();
        if (count > in.readableBytes() / 4) {
            throw RdpException.malformed(PDU, "ScopeList.ScopeCount", count + " scopes cannot fit in "
                    + in.readableBytes() + " bytes");
        }
        List<LicenseBinaryBlob> scopes = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            scopes.add(LicenseBinaryBlob.decode(in, PDU, "ScopeList.Scope[" + i + "]"));
        }
        return new ServerLicenseRequest(random, product, keyExchange, certificate, scopes);
    }
}
