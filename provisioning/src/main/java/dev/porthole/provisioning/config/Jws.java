package dev.porthole.provisioning.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.json.StrictJson;

/**
 * A JWS in compact serialization (RFC 7515 §7.1): {@code BASE64URL(header) . BASE64URL(payload) .
 * BASE64URL(signature)}, signed with {@code EdDSA} over Ed25519 (RFC 8037). The signature covers the exact ASCII
 * bytes of the first two parts, so the payload is verified byte for byte as it was signed, never re-serialized.
 *
 * <p>{@link #parse} only splits and decodes (bounded, strict base64url without padding); it trusts nothing.
 * {@link ConfigVerifier} decides what is acceptable.
 *
 * @param header       the decoded protected header (a JSON object)
 * @param payload      the decoded payload bytes
 * @param signature    the decoded signature bytes
 * @param signingInput the ASCII signing input {@code part1 . part2}
 */
public record Jws(ObjectNode header, byte[] payload, byte[] signature, String signingInput) {

    /** The only algorithm accepted: {@code EdDSA} (RFC 8037 §3.1) with Ed25519. */
    public static final String ALG = "EdDSA";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Signs {@code payload} under {@code header} (which must name {@code alg: EdDSA}) and returns the compact form. */
    public static String sign(ObjectNode header, byte[] payload, PrivateKey key) {
        if (!ALG.equals(header.path("alg").asText())) {
            throw new ProvisioningException(Kind.USAGE, "JWS header must have alg EdDSA");
        }
        String input = base64url(StrictJson.bytes(header)) + "." + base64url(payload);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + base64url(s.sign());
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(Kind.CRYPTO, "cannot sign with Ed25519: " + e.getMessage(), e);
        }
    }

    /**
     * Splits and decodes a compact JWS of at most {@code maxBytes} bytes. Throws {@code MALFORMED} naming the part
     * that is wrong.
     */
    public static Jws parse(byte[] compact, int maxBytes) {
        if (compact.length > maxBytes) {
            throw new ProvisioningException(Kind.MALFORMED, "JWS is " + compact.length + " bytes; at most " + maxBytes
                    + " are accepted");
        }
        for (byte b : compact) {
            boolean ok = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-'
                    || b == '_' || b == '.';
            if (!ok) {
                throw new ProvisioningException(Kind.MALFORMED, "JWS compact serialization may only hold base64url"
                        + " characters and two dots; found byte 0x" + Integer.toHexString(b & 0xff));
            }
        }
        String text = new String(compact, StandardCharsets.US_ASCII);
        int d1 = text.indexOf('.');
        int d2 = d1 < 0 ? -1 : text.indexOf('.', d1 + 1);
        if (d1 < 0 || d2 < 0 || text.indexOf('.', d2 + 1) >= 0) {
            throw new ProvisioningException(Kind.MALFORMED, "JWS compact serialization must have exactly three parts"
                    + " separated by two dots");
        }
        byte[] headerBytes = decode(text.substring(0, d1), "header");
        byte[] payload = decode(text.substring(d1 + 1, d2), "payload");
        byte[] signature = decode(text.substring(d2 + 1), "signature");
        if (headerBytes.length == 0) {
            throw new ProvisioningException(Kind.MALFORMED, "JWS header is empty");
        }
        ObjectNode header = StrictJson.parseObject(headerBytes, "JWS header");
        return new Jws(header, payload, signature, text.substring(0, d2));
    }

    /** Whether the signature is a valid Ed25519 signature of the signing input by {@code key}. */
    public boolean verify(PublicKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return s.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(Kind.CRYPTO, "cannot verify Ed25519 signature: " + e.getMessage(), e);
        }
    }

    /** Base64url without padding (RFC 7515 §2). */
    public static String base64url(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    private static byte[] decode(String part, String what) {
        if (part.length() % 4 == 1) {
            throw new ProvisioningException(Kind.MALFORMED, "JWS " + what + " has an impossible base64url length "
                    + part.length());
        }
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(Kind.MALFORMED, "JWS " + what + " is not base64url: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jws j && signingInput.equals(j.signingInput) && Arrays.equals(signature, j.signature);
    }

    @Override
    public int hashCode() {
        return signingInput.hashCode() * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "Jws[header=" + header + ", payload=" + payload.length + " bytes]";
    }
}
