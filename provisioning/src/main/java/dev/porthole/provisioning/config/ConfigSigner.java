package dev.porthole.provisioning.config;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.json.StrictJson;

/**
 * Signs configuration documents on the fleet side: JWS compact serialization, {@code alg: EdDSA},
 * {@code typ: }{@value ConfigVerifier#TYP}, {@code cty: }{@value ConfigVerifier#CTY}, {@code kid} = the RFC 7638
 * thumbprint of the config-signing public key. The private key never appears in {@link #toString()}.
 */
public final class ConfigSigner {

    private final KeyPair keys;
    private final String keyId;

    public ConfigSigner(KeyPair keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.keyId = SigningKeys.keyId(keys.getPublic());
    }

    public String keyId() {
        return keyId;
    }

    /** The compact JWS of {@code document} (ASCII). */
    public String sign(ConfigDocument document) {
        ObjectNode header = StrictJson.object();
        header.put("alg", Jws.ALG);
        header.put("typ", ConfigVerifier.TYP);
        header.put("cty", ConfigVerifier.CTY);
        header.put("kid", keyId);
        return Jws.sign(header, StrictJson.bytes(document.toJson()), keys.getPrivate());
    }

    /** {@link #sign} as bytes, as published. */
    public byte[] signBytes(ConfigDocument document) {
        return sign(document).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "ConfigSigner[kid=" + keyId + "]";
    }
}
