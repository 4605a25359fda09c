package dev.porthole.rdp.protocol.ntlm;

import dev.porthole.rdp.protocol.crypto.Primitives;

import java.nio.charset.StandardCharsets;

import dev.porthole.rdp.protocol.RdpException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDefaultDigestProvider;

/**
 * TLS channel bindings for NTLM (MS-NLMP 2.2.2.1 MsvAvChannelBindings, 3.1.5.1.2): the
 * {@code tls-server-end-point} binding of RFC 5929 section 4 (the hash of the server's certificate:
 * SHA-256 when the certificate is signed with MD5 or SHA-1, otherwise the signature's own hash),
 * wrapped in a gss_channel_bindings_struct (RFC 2744 section 3.11) laid out as RFC 4121 section
 * 4.1.1.2 hashes it: initiator and acceptor address types and lengths all zero, then the
 * application data length and bytes, all integers little-endian.
 */
public final class ChannelBindings {

    static final String PDU = "channel bindings";
    static final byte[] PREFIX = "tls-server-end-point:".getBytes(StandardCharsets.US_ASCII);

    private ChannelBindings() {}

    /** ClientChannelBindingsUnhashed for the server certificate {@code certificateDer} (DER). */
    public static byte[] tlsServerEndPoint(byte[] certificateDer) {
        return gssChannelBindings(Primitives.concat(PREFIX, certificateHash(certificateDer)));
    }

    /** The RFC 5929 certificate hash of {@code certificateDer}. */
    public static byte[] certificateHash(byte[] certificateDer) {
        Certificate certificate;
        try {
            certificate = Certificate.getInstance(certificateDer);
        } catch (RuntimeException e) {
            throw new RdpException(RdpException.Kind.TRUST, PDU + ".certificate: not a DER X.509 certificate", e);
        }
        if (certificate == null) {
            throw new RdpException(RdpException.Kind.TRUST, PDU + ".certificate: not a DER X.509 certificate");
        }
        AlgorithmIdentifier digestAlgorithm = new DefaultDigestAlgorithmIdentifierFinder().find(certificate.getSignatureAlgorithm());
        ASN1ObjectIdentifier oid = digestAlgorithm == null ? null : digestAlgorithm.getAlgorithm();
        if (oid == null || oid.equals(PKCSObjectIdentifiers.md5) || oid.equals(OIWObjectIdentifiers.idSHA1)) {
            // RFC 5929 section 4.1: MD5 and SHA-1 are replaced by SHA-256. Unknown algorithms also fall back to it.
            digestAlgorithm = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
        }
        Digest digest;
        try {
            digest = BcDefaultDigestProvider.INSTANCE.get(digestAlgorithm);
        } catch (OperatorCreationException e) {
            digest = new SHA256Digest(); // a signature hash Bouncy Castle cannot compute: fall back as for unknown ones
        }
        digest.update(certificateDer, 0, certificateDer.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    /** gss_channel_bindings_struct with no addresses and {@code applicationData}, as hashed by RFC 4121 4.1.1.2. */
    public static byte[] gssChannelBindings(byte[] applicationData) {
        byte[] out = new byte[20 + applicationData.length];
        // initiator_addrtype, initiator_address.length, acceptor_addrtype, acceptor_address.length: all 0
        int n = applicationData.length;
        out[16] = (byte) n;
        out[17] = (byte) (n >>> 8);
        out[18] = (byte) (n >>> 16);
        out[19] = (byte) (n >>> 24);
        System.arraycopy(applicationData, 0, out, 20, n);
        return out;
    }

    /** The MsvAvChannelBindings value: MD5 of the unhashed bindings, Z(16) when there are none. */
    public static byte[] hash(byte[] unhashed) {
        return unhashed == null ? new byte[16] : Primitives.md5(unhashed);
    }
}
