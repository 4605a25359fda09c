package dev.porthole.provisioning.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;

/**
 * The fleet CA: issues TLS client certificates (device certificates, claim certificates, the fleet's own) whose
 * common name is the MQTT identity the broker's ACL sees. An EC P-256 CA made by {@link #create}, or an existing
 * one (any key the JDK can sign with, for example the broker's RSA CA). The key never appears in {@link #toString()}.
 *
 * @param certificate the CA certificate
 * @param key         the CA private key
 */
public record CertificateAuthority(X509Certificate certificate, PrivateKey key) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public CertificateAuthority {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
    }

    /** A new self-signed EC P-256 CA valid for {@code validity} from one hour ago. */
    public static CertificateAuthority create(String name, Duration validity, Instant now) {
        KeyPair kp = Csr.newDeviceKeyPair();
        X500Name subject = new X500Name(new RDN[] {new RDN(BCStyle.CN, new DERUTF8String(name))});
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(validity)), subject, kp.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(Csr.signatureAlgorithm(kp.getPublic())).build(kp.getPrivate())));
            return new CertificateAuthority(cert, kp.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new ProvisioningException(Kind.CRYPTO, "cannot create CA '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * A TLS client certificate for {@code publicKey} with subject {@code CN=commonName} (plus {@code O=organization}
     * when given), valid for {@code validity} from five minutes ago (clock skew), at most until the CA expires.
     */
    public X509Certificate issueClient(PublicKey publicKey, String commonName, String organization, Duration validity,
                                       Instant now) {
        X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
        if (organization != null) {
            nb.addRDN(BCStyle.O, organization);
        }
        nb.addRDN(BCStyle.CN, commonName);
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            notAfter = certificate.getNotAfter().toInstant();
        }
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(notAfter), nb.build(), publicKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | ("RSA".equals(publicKey.getAlgorithm()) ? KeyUsage.keyEncipherment : 0)));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(signatureAlgorithm()).build(key)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new ProvisioningException(Kind.CRYPTO, "cannot issue a certificate for " + commonName + ": "
                    + e.getMessage(), e);
        }
    }

    private String signatureAlgorithm() {
        return Csr.signatureAlgorithm(certificate.getPublicKey());
    }

    /** Whether {@code cert} was signed by this CA and is valid at {@code now}. */
    public boolean issued(X509Certificate cert, Instant now) {
        return verifies(cert, certificate, now);
    }

    /** Whether {@code cert} was signed by {@code issuer} and is valid at {@code now}. */
    public static boolean verifies(X509Certificate cert, X509Certificate issuer, Instant now) {
        try {
            cert.verify(issuer.getPublicKey());
            cert.checkValidity(Date.from(now));
            return cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The subject common name of {@code cert}. */
    public static String commonName(X509Certificate cert) {
        X500Name n = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        RDN[] cns = n.getRDNs(BCStyle.CN);
        return cns.length == 0 ? "" : org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    /** SHA-256 of a public key's encoding, lower-case hex (binds a claim to the key it was used with). */
    public static String keyFingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(Kind.CRYPTO, "SHA-256 unavailable", e);
        }
    }

    /** The CA certificate as a one-element chain. */
    public List<X509Certificate> chain() {
        return List.of(certificate);
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + certificate.getSubjectX500Principal() + ", notAfter="
                + certificate.getNotAfter().toInstant() + "]";
    }
}
