package dev.porthole.provisioning.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;

/** PEM reading and writing (Bouncy Castle): certificates, certificate chains and PKCS#8 private keys. */
public final class Pem {

    /** The largest PEM text read. */
    public static final int MAX_CHARS = 256 * 1024;

    private Pem() {}

    /** PEM of the certificates, in order. */
    public static String certificates(List<X509Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (X509Certificate c : certificates) {
                w.writeObject(c);
            }
        } catch (IOException e) {
            throw new ProvisioningException(Kind.CRYPTO, "cannot write certificate PEM", e);
        }
        return out.toString();
    }

    /** PEM of a private key as unencrypted PKCS#8 ({@code PRIVATE KEY}). */
    public static String privateKey(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new ProvisioningException(Kind.CRYPTO, "cannot write private key PEM", e);
        }
        return out.toString();
    }

    /** Every certificate in {@code pem}, in order; at least one. {@code what} names the input in errors. */
    public static List<X509Certificate> readCertificates(String pem, String what) {
        check(pem, what);
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            for (Object o; (o = p.readObject()) != null; ) {
                if (!(o instanceof X509CertificateHolder h)) {
                    throw new ProvisioningException(Kind.MALFORMED, what + " holds a " + o.getClass().getSimpleName()
                            + " where only certificates are expected");
                }
                out.add(conv.getCertificate(h));
                if (out.size() > 8) {
                    throw new ProvisioningException(Kind.MALFORMED, what + " holds more than 8 certificates");
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            if (e instanceof ProvisioningException p) {
                throw p;
            }
            throw new ProvisioningException(Kind.MALFORMED, what + " is not a valid certificate PEM: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new ProvisioningException(Kind.MALFORMED, what + " holds no certificate");
        }
        return out;
    }

    /** The private key in {@code pem} (PKCS#8, or a traditional EC/RSA key pair). */
    public static PrivateKey readPrivateKey(String pem, String what) {
        check(pem, what);
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o = p.readObject();
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            throw new ProvisioningException(Kind.MALFORMED, what + " holds no unencrypted private key");
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProvisioningException p) {
                throw p;
            }
            throw new ProvisioningException(Kind.MALFORMED, what + " is not a valid private key PEM: " + e.getMessage(), e);
        }
    }

    private static void check(String pem, String what) {
        if (pem == null || pem.isEmpty()) {
            throw new ProvisioningException(Kind.MALFORMED, what + " is empty");
        }
        if (pem.length() > MAX_CHARS) {
            throw new ProvisioningException(Kind.MALFORMED, what + " is longer than " + MAX_CHARS + " characters");
        }
    }
}
