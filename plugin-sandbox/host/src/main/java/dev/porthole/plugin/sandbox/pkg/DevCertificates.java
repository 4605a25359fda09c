package dev.porthole.plugin.sandbox.pkg;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.porthole.plugin.sandbox.SandboxException;

/**
 * Certificates for development and tests: a fleet trust anchor (CA), vendor code-signing
 * certificates it issues, and device certification keys. Production anchors come from the fleet;
 * this only makes the workflow runnable end to end on a workstation.
 */
public final class DevCertificates {

    private DevCertificates() {}

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key pair with its certificate. */
    public record Identity(KeyPair keys, X509Certificate certificate) {
        public PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    /** A new P-256 key pair. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed CA certificate (the trust anchor). */
    public static Identity ca(String commonName, Instant notBefore, Duration validity) {
        KeyPair kp = newKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        return new Identity(kp, build(name, kp.getPublic(), name, kp.getPrivate(), notBefore, validity, true, null));
    }

    /** A vendor code-signing certificate issued by {@code ca}. */
    public static Identity vendor(String commonName, Identity ca, Instant notBefore, Duration validity) {
        KeyPair kp = newKeyPair();
        return new Identity(kp, build(new X500Name("CN=" + commonName), kp.getPublic(),
                X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), ca.privateKey(), notBefore, validity,
                false, KeyPurposeId.id_kp_codeSigning));
    }

    /** A certificate issued by {@code ca} with any extended key usage (null for none). */
    public static Identity leaf(String commonName, Identity ca, Instant notBefore, Duration validity, KeyPurposeId eku) {
        KeyPair kp = newKeyPair();
        return new Identity(kp, build(new X500Name("CN=" + commonName), kp.getPublic(),
                X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), ca.privateKey(), notBefore, validity,
                false, eku));
    }

    private static X509Certificate build(X500Name subject, PublicKey key, X500Name issuer, PrivateKey issuerKey, Instant notBefore,
                                         Duration validity, boolean ca, KeyPurposeId eku) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notBefore.plus(validity)), subject, key);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
            if (eku != null) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new SandboxException(SandboxException.Kind.ARGUMENT, "cannot build certificate " + subject + ": " + e.getMessage(), e);
        }
    }

    /** PEM text for certificates and keys (private keys as PKCS#8). */
    public static String pem(Object... objects) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) {
                if (o instanceof PrivateKey k) {
                    w.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null));
                } else {
                    w.writeObject(o);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sw.toString();
    }
}
