package dev.porthole.provisioning.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;

/**
 * Ed25519 keys for configuration signing (RFC 8032 keys, used as JWS {@code EdDSA} per RFC 8037): generation, the
 * 32-byte raw public key, the RFC 7638 JWK thumbprint used as key id, and PEM (PKCS#8 private, SubjectPublicKeyInfo
 * public). The config-signing key is distinct from every TLS key.
 */
public final class SigningKeys {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING }. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private SigningKeys() {}

    /** A fresh Ed25519 key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(Kind.CRYPTO, "Ed25519 is not available: " + e.getMessage(), e);
        }
    }

    /** The key pair of a 32-byte RFC 8032 seed (deterministic; for tests and fixed fixtures). */
    public static KeyPair fromSeed(byte[] seed) {
        if (seed.length != 32) {
            throw new ProvisioningException(Kind.USAGE, "Ed25519 seed must be 32 bytes, not " + seed.length);
        }
        Ed25519PrivateKeyParameters p = new Ed25519PrivateKeyParameters(seed, 0);
        byte[] pub = p.generatePublicKey().getEncoded();
        // PKCS#8 of an Ed25519 private key (RFC 8410): version 0, algorithm 1.3.101.112, OCTET STRING { OCTET STRING seed }
        byte[] pkcs8Prefix = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04,
                0x20};
        byte[] pkcs8 = Arrays.copyOf(pkcs8Prefix, pkcs8Prefix.length + 32);
        System.arraycopy(seed, 0, pkcs8, pkcs8Prefix.length, 32);
        return new KeyPair(publicKey(pub), privateKey(pkcs8));
    }

    /** The 32 raw bytes of an Ed25519 public key. */
    public static byte[] raw(PublicKey key) {
        byte[] der = key.getEncoded();
        if (!"X.509".equals(key.getFormat()) || der.length != SPKI_PREFIX.length + 32
                || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new ProvisioningException(Kind.CRYPTO, "not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }

    /** The public key of 32 raw bytes. */
    public static PublicKey publicKey(byte[] raw) {
        if (raw.length != 32) {
            throw new ProvisioningException(Kind.CRYPTO, "an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(Kind.CRYPTO, "invalid Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(Kind.CRYPTO, "invalid Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /**
     * The key id: the RFC 7638 JWK thumbprint of the public key, base64url SHA-256 of
     * {@code {"crv":"Ed25519","kty":"OKP","x":"<base64url raw key>"}} (members in lexicographic order, RFC 8037 §2).
     */
    public static String keyId(PublicKey key) {
        String jwk = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + Jws.base64url(raw(key)) + "\"}";
        try {
            return Jws.base64url(MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(Kind.CRYPTO, "SHA-256 unavailable", e);
        }
    }

    /** PEM of the public key ({@code PUBLIC KEY}, SubjectPublicKeyInfo). */
    public static String publicPem(PublicKey key) {
        raw(key); // checks it is Ed25519
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** PEM of the private key ({@code PRIVATE KEY}, PKCS#8). */
    public static String privatePem(PrivateKey key) {
        if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
            throw new ProvisioningException(Kind.CRYPTO, "not an Ed25519 private key: " + key.getAlgorithm());
        }
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** Reads a {@code PUBLIC KEY} PEM holding an Ed25519 key. */
    public static PublicKey readPublicPem(String pem) {
        PublicKey k;
        try {
            k = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(unpem(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(Kind.CRYPTO, "not an Ed25519 public key PEM: " + e.getMessage(), e);
        }
        raw(k);
        return k;
    }

    /** Reads a {@code PRIVATE KEY} PEM holding an Ed25519 key. */
    public static PrivateKey readPrivatePem(String pem) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(unpem(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(Kind.CRYPTO, "not an Ed25519 private key PEM: " + e.getMessage(), e);
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static byte[] unpem(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            throw new ProvisioningException(Kind.MALFORMED, "PEM block '" + label + "' not found");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new ProvisioningException(Kind.MALFORMED, "PEM block '" + label + "' is not base64", ex);
        }
    }
}
