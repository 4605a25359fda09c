package dev.porthole.rdp.protocol.ntlm;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed server certificates for tests, made with the JDK's keys and Bouncy Castle's builder. */
public final class TestCertificates {

    private static KeyPair rsa;
    private static KeyPair ec;

    private TestCertificates() {}

    public static synchronized KeyPair rsaKey() {
        if (rsa == null) {
            rsa = generate("RSA", null);
        }
        return rsa;
    }

    public static synchronized KeyPair ecKey() {
        if (ec == null) {
            ec = generate("EC", new ECGenParameterSpec("secp384r1"));
        }
        return ec;
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                g.initialize(spec);
            } else {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A DER certificate for {@code keys}, signed with {@code signatureAlgorithm} (e.g. SHA256withRSA). */
    public static byte[] selfSigned(KeyPair keys, String signatureAlgorithm, String cn) {
        try {
            X500Name name = new X500Name("CN=" + cn);
            Date from = new Date(1_700_000_000_000L);
            Date to = new Date(1_900_000_000_000L);
            return new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(cn.hashCode() & 0x7fffffff), from, to, name, keys.getPublic())
                    .build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
