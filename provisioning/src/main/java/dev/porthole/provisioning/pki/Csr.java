package dev.porthole.provisioning.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;

/**
 * PKCS#10 certification requests (RFC 2986) with Bouncy Castle, and the device's key pair: EC P-256 (what OpenSSL,
 * and so Mosquitto, accepts everywhere for TLS client certificates).
 *
 * @param der        the DER encoding
 * @param commonName the subject's common name
 * @param publicKey  the subject public key
 */
public record Csr(byte[] der, String commonName, PublicKey publicKey) {

    /** The largest CSR accepted. */
    public static final int MAX_BYTES = 16 * 1024;

    /** A new EC P-256 key pair. */
    public static KeyPair newDeviceKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(Kind.CRYPTO, "EC P-256 is not available: " + e.getMessage(), e);
        }
    }

    /** A CSR for {@code CN=commonName} signed with {@code keys} (SHA256withECDSA, or SHA256withRSA). */
    public static Csr create(KeyPair keys, String commonName) {
        try {
            X500Name subject = new X500Name(new RDN[] {new RDN(BCStyle.CN, new org.bouncycastle.asn1.DERUTF8String(commonName))});
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(keys.getPublic()))
                    .build(keys.getPrivate());
            PKCS10CertificationRequest req = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
                    .build(signer);
            return new Csr(req.getEncoded(), commonName, keys.getPublic());
        } catch (OperatorCreationException | IOException e) {
            throw new ProvisioningException(Kind.CRYPTO, "cannot build a CSR for " + commonName + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes and checks a CSR from the network: at most {@link #MAX_BYTES}, a valid self-signature (proof of
     * possession of the private key), exactly one common name, an EC P-256 or RSA (2048 bits or more) key.
     */
    public static Csr parse(byte[] der) {
        if (der.length > MAX_BYTES) {
            throw new ProvisioningException(Kind.MALFORMED, "CSR is " + der.length + " bytes; at most " + MAX_BYTES);
        }
        try {
            JcaPKCS10CertificationRequest req = new JcaPKCS10CertificationRequest(der);
            PublicKey key = req.getPublicKey();
            if (!req.isSignatureValid(new JcaContentVerifierProviderBuilder().build(req.getSubjectPublicKeyInfo()))) {
                throw new ProvisioningException(Kind.MALFORMED, "CSR signature does not verify (no proof of possession)");
            }
            checkKey(key);
            RDN[] cns = req.getSubject().getRDNs(BCStyle.CN);
            if (cns.length != 1 || cns[0].isMultiValued()) {
                throw new ProvisioningException(Kind.MALFORMED, "CSR subject must hold exactly one common name, has "
                        + cns.length);
            }
            String cn = IETFUtils.valueToString(cns[0].getFirst().getValue());
            return new Csr(der.clone(), cn, key);
        } catch (ProvisioningException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | OperatorCreationException | PKCSException
                 | RuntimeException e) {
            // Bouncy Castle reports a malformed signature as RuntimeOperatorException (found by fuzzing)
            throw new ProvisioningException(Kind.MALFORMED, "CSR is not a valid PKCS#10 request: " + e.getMessage(), e);
        }
    }

    private static void checkKey(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new ProvisioningException(Kind.MALFORMED, "CSR EC key must be P-256");
            }
        } else if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new ProvisioningException(Kind.MALFORMED, "CSR RSA key has " + rsa.getModulus().bitLength()
                        + " bits; at least 2048 are required");
            }
        } else {
            throw new ProvisioningException(Kind.MALFORMED, "CSR key type " + key.getAlgorithm()
                    + " is not accepted (EC P-256 or RSA)");
        }
    }

    static String signatureAlgorithm(PublicKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new ProvisioningException(Kind.CRYPTO, "no signature algorithm for " + key.getAlgorithm()
                    + " keys");
        };
    }

    public byte[] der() {
        return der.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Csr c && java.util.Arrays.equals(der, c.der);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "Csr[CN=" + commonName + ", key=" + publicKey.getAlgorithm() + "]";
    }
}
