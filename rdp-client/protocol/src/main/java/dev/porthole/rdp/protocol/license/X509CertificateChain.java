package dev.porthole.rdp.protocol.license;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPELE 2.2.1.4.2 X.509 Certificate Chain (X509_CERTIFICATE_CHAIN) inside a SERVER_CERTIFICATE:
 * dwVersion (CERT_CHAIN_VERSION_2), NumCertBlobs, the CertBlobs (2.2.1.4.2.1: a 32-bit length and a DER
 * certificate) in root-first order, and padding (8 + 4 * NumCertBlobs bytes by the specification; any
 * number of bytes is kept as sent).
 *
 * <p>The terminal server certificate is the last one; its public key encrypts the premaster secret
 * (MS-RDPELE 5.1.1.1). The chain is not validated: it ends at a license server or the Microsoft
 * clearing house, which this client has no trust anchor for, and under Enhanced RDP Security the TLS
 * handshake already authenticated the server.
 *
 * @param version      dwVersion as sent
 * @param certificates the DER certificates, root first
 * @param padding      the bytes after the last CertBlob
 */
public record X509CertificateChain(int version, List<Bytes> certificates, Bytes padding) implements ServerCertificate {

    static final String PDU = "X509_CERTIFICATE_CHAIN";
    /** NumCertBlobs at most 200 (MS-RDPELE 2.2.1.4.2). */
    public static final int MAX_CERTIFICATES = 200;

    public X509CertificateChain {
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty() || certificates.size() > MAX_CERTIFICATES) {
            throw RdpException.argument(PDU, "NumCertBlobs", certificates.size() + " is outside 1.." + MAX_CERTIFICATES);
        }
        if (padding == null) {
            throw RdpException.argument(PDU, "Padding", "is null");
        }
    }

    /** The chain with the padding the specification prescribes (8 + 4 * NumCertBlobs zero bytes). */
    public static X509CertificateChain of(List<Bytes> certificates) {
        return new X509CertificateChain(CERT_CHAIN_VERSION_2, certificates, Bytes.zeros(8 + 4 * certificates.size()));
    }

    /** Decodes dwVersion and the chain; the bytes left in {@code in} are the padding. */
    public static X509CertificateChain decode(ByteBuf in) {
        Wire.need(in, 8, PDU, "dwVersion/NumCertBlobs");
        int version = in.readIntLE();
        long count = in.readUnsignedIntLE();
        if (count < 1 || count > MAX_CERTIFICATES) {
            throw RdpException.malformed(PDU, "NumCertBlobs", count + " is outside 1.." + MAX_CERTIFICATES);
        }
        List<Bytes> certs = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            Wire.need(in, 4, PDU, "CertBlobArray[" + i + "].cbCert");
            long cb = in.readUnsignedIntLE();
            if (cb > in.readableBytes()) {
                throw RdpException.malformed(PDU, "CertBlobArray[" + i + "].cbCert", cb + " exceeds the "
                        + in.readableBytes() + " bytes left");
            }
            certs.add(Bytes.read(in, (int) cb, PDU, "CertBlobArray[" + i + "].abCert"));
        }
        Bytes padding = Bytes.read(in, in.readableBytes(), PDU, "Padding");
        return new X509CertificateChain(version, certs, padding);
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeIntLE(version);
        out.writeIntLE(certificates.size());
        for (Bytes cert : certificates) {
            out.writeIntLE(cert.length());
            cert.writeTo(out);
        }
        padding.writeTo(out);
    }

    @Override
    public int size() {
        int size = 8 + padding.length();
        for (Bytes cert : certificates) {
            size += 4 + cert.length();
        }
        return size;
    }

    /** The terminal server certificate: the last of the chain. */
    public Bytes terminalServerCertificate() {
        return certificates.getLast();
    }

    /** The RSA key of the terminal server certificate's subjectPublicKeyInfo. */
    @Override
    public ServerPublicKey publicKey() {
        return X509PublicKey.read(terminalServerCertificate(), PDU + ".CertBlobArray[" + (certificates.size() - 1) + "]");
    }
}
