package dev.porthole.plugin.sandbox.pkg;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.util.Store;

import dev.porthole.plugin.sandbox.SandboxException;

/**
 * Detached CMS (RFC 5652) signatures over a package's digest list, with Bouncy Castle: signing with a
 * vendor key and certificate chain, and verification against trust anchors the fleet provisions
 * (PKIX path validation at a given time; the signer certificate must allow digital signatures and,
 * when it restricts extended key usage, code signing).
 */
public final class PackageSignature {

    private PackageSignature() {}

    private static final Provider BC = new BouncyCastleProvider();
    /** Largest signature accepted. */
    public static final int MAX_SIGNATURE_BYTES = 64 * 1024;

    /** Who signed, after a successful verification. */
    public record Signer(String subject, String issuer, String certificateSha256, Instant notAfter) {}

    /**
     * Signs {@code content} (detached): SHA-256 with RSA, ECDSA or Ed25519 depending on the key, the
     * chain's certificates included so verifiers can build the path.
     *
     * @param chain the signer's certificate first, then intermediates (not the root)
     */
    public static byte[] sign(byte[] content, PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new SandboxException(SandboxException.Kind.ARGUMENT, "signing needs the signer certificate");
        }
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new SandboxException(SandboxException.Kind.ARGUMENT, "unsupported signing key type " + key.getAlgorithm());
        };
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
                    .build(new JcaContentSignerBuilder(alg).setProvider(BC).build(key), chain.getFirst()));
            gen.addCertificates(new JcaCertStore(chain));
            return gen.generate(new CMSProcessableByteArray(content), false).getEncoded();
        } catch (OperatorCreationException | CMSException | CertificateException | IOException e) {
            throw new SandboxException(SandboxException.Kind.SIGNATURE, "signing failed: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies a detached signature over {@code content} and the signer's chain to {@code anchors} at
     * {@code at}.
     *
     * @throws SandboxException SIGNATURE when the signature is missing, malformed or wrong, TRUST when
     *                          the certificate does not chain to an anchor or is unfit
     */
    public static Signer verify(byte[] content, byte[] signature, Collection<X509Certificate> anchors, Instant at) {
        if (signature.length > MAX_SIGNATURE_BYTES) {
            throw new SandboxException(SandboxException.Kind.SIGNATURE, "signature of " + signature.length + " bytes exceeds "
                    + MAX_SIGNATURE_BYTES);
        }
        if (anchors.isEmpty()) {
            throw new SandboxException(SandboxException.Kind.TRUST, "no trust anchors are configured: no package can be trusted");
        }
        CMSSignedData cms;
        try {
            cms = new CMSSignedData(new CMSProcessableByteArray(content), signature);
        } catch (CMSException | RuntimeException e) {
            throw new SandboxException(SandboxException.Kind.SIGNATURE, "signature is not a CMS SignedData structure: " + e.getMessage(), e);
        }
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new SandboxException(SandboxException.Kind.SIGNATURE, "signature has " + signers.size() + " signers, expected exactly 1");
        }
        SignerInformation si = signers.iterator().next();
        Store<X509CertificateHolder> store = cms.getCertificates();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = store.getMatches(si.getSID());
        if (matches.isEmpty()) {
            throw new SandboxException(SandboxException.Kind.SIGNATURE, "signature does not include the signer's certificate");
        }
        X509Certificate signerCert;
        List<X509Certificate> others = new ArrayList<>();
        try {
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            signerCert = toJdk(conv.getCertificate(matches.iterator().next()));
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> all = store.getMatches(null);
            if (all.size() > 10) {
                throw new SandboxException(SandboxException.Kind.SIGNATURE, "signature carries " + all.size() + " certificates (at most 10)");
            }
            for (X509CertificateHolder h : all) {
                X509Certificate c = toJdk(conv.getCertificate(h));
                if (!c.equals(signerCert)) {
                    others.add(c);
                }
            }
        } catch (CertificateException e) {
            throw new SandboxException(SandboxException.Kind.SIGNATURE, "signature carries an unreadable certificate: " + e.getMessage(), e);
        }
        try {
            if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(signerCert))) {
                throw new SandboxException(SandboxException.Kind.SIGNATURE, "signature does not verify: the package was modified after signing");
            }
        } catch (CMSException e) {
            throw new SandboxException(SandboxException.Kind.SIGNATURE, "signature does not verify: " + rootMessage(e), e);
        } catch (OperatorCreationException e) {
            throw new SandboxException(SandboxException.Kind.SIGNATURE, "signature uses an unsupported algorithm: " + e.getMessage(), e);
        }
        checkUsage(signerCert);
        validatePath(signerCert, others, anchors, at);
        try {
            return new Signer(signerCert.getSubjectX500Principal().getName(), signerCert.getIssuerX500Principal().getName(),
                    PackageArchive.sha256Hex(signerCert.getEncoded()), signerCert.getNotAfter().toInstant());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkUsage(X509Certificate cert) {
        boolean[] ku = cert.getKeyUsage();
        if (ku != null && !ku[0]) {
            throw new SandboxException(SandboxException.Kind.TRUST, "signer certificate " + cert.getSubjectX500Principal().getName()
                    + " does not allow digital signatures (key usage)");
        }
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            if (eku != null && !eku.contains(KeyPurposeId.id_kp_codeSigning.getId()) && !eku.contains("2.5.29.37.0")) {
                throw new SandboxException(SandboxException.Kind.TRUST, "signer certificate " + cert.getSubjectX500Principal().getName()
                        + " is not for code signing (extended key usage " + eku + ")");
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new SandboxException(SandboxException.Kind.TRUST, "signer certificate has an unreadable extended key usage", e);
        }
    }

    private static void validatePath(X509Certificate signer, List<X509Certificate> intermediates,
                                     Collection<X509Certificate> anchors, Instant at) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> path = new ArrayList<>();
            path.add(signer);
            // order the intermediates from the signer upwards; stop at an anchor
            Set<X509Certificate> anchorSet = new HashSet<>(anchors);
            X509Certificate cur = signer;
            List<X509Certificate> pool = new ArrayList<>(intermediates);
            while (!anchorSet.contains(cur) && !isIssuedByAnchor(cur, anchors)) {
                X509Certificate next = null;
                for (X509Certificate c : pool) {
                    if (c.getSubjectX500Principal().equals(cur.getIssuerX500Principal())) {
                        next = c;
                        break;
                    }
                }
                if (next == null) {
                    break;
                }
                pool.remove(next);
                if (anchorSet.contains(next)) {
                    break;
                }
                path.add(next);
                cur = next;
            }
            if (anchorSet.contains(signer)) {
                throw new SandboxException(SandboxException.Kind.TRUST, "the signer certificate is itself a trust anchor; "
                        + "vendors sign with a certificate issued by the anchor");
            }
            CertPath cp = cf.generateCertPath(path);
            Set<TrustAnchor> ta = new HashSet<>();
            anchors.forEach(a -> ta.add(new TrustAnchor(a, null)));
            PKIXParameters params = new PKIXParameters(ta);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(cp, params);
        } catch (CertPathValidatorException e) {
            throw new SandboxException(SandboxException.Kind.TRUST, "signer certificate " + signer.getSubjectX500Principal().getName()
                    + " does not chain to a trust anchor: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new SandboxException(SandboxException.Kind.TRUST, "certificate path check failed: " + e.getMessage(), e);
        }
    }

    private static boolean isIssuedByAnchor(X509Certificate c, Collection<X509Certificate> anchors) {
        return anchors.stream().anyMatch(a -> a.getSubjectX500Principal().equals(c.getIssuerX500Principal()));
    }

    private static X509Certificate toJdk(X509Certificate c) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(c.getEncoded()));
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    // ---- PEM helpers for the CLI and tests ----

    /** Reads every certificate in PEM text. */
    public static List<X509Certificate> readCertificates(String pem, String source) {
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(toJdk(new JcaX509CertificateConverter().getCertificate(h)));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new SandboxException(SandboxException.Kind.MALFORMED, source + ": not PEM certificates: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new SandboxException(SandboxException.Kind.MALFORMED, source + ": contains no PEM certificate");
        }
        return out;
    }

    /** Reads a private key (PKCS#8 or traditional) from PEM text. */
    public static PrivateKey readPrivateKey(String pem, String source) {
        try (Reader r = new StringReader(pem); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter().setProvider(BC);
            if (o instanceof PEMKeyPair kp) {
                return conv.getPrivateKey(kp.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo pki) {
                return conv.getPrivateKey(pki);
            }
            throw new SandboxException(SandboxException.Kind.MALFORMED, source + ": no unencrypted PEM private key found");
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.MALFORMED, source + ": not a PEM private key: " + e.getMessage(), e);
        }
    }

    /** The subject of a certificate in RFC 2253 form (for messages). */
    public static String subject(X509Certificate c) {
        return X500Name.getInstance(c.getSubjectX500Principal().getEncoded()).toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
