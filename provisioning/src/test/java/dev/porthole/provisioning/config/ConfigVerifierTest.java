package dev.porthole.provisioning.config;

import static dev.porthole.provisioning.config.Fixtures.ISSUED;
import static dev.porthole.provisioning.config.Fixtures.SELF;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.topic.DeviceAddress;

class ConfigVerifierTest {

    private final ConfigSigner signer = new ConfigSigner(Fixtures.fleetKey());
    private final ConfigVerifier verifier = ConfigVerifier.trusting(Fixtures.fleetKey().getPublic());
    private final Instant now = ISSUED.plusSeconds(60);

    private Verdict verify(byte[] bytes, long lastApplied) {
        return verifier.verify(bytes, SELF, lastApplied, now);
    }

    private Verdict.Rejected rejected(byte[] bytes, long lastApplied, RejectReason reason) {
        Verdict v = verify(bytes, lastApplied);
        assertThat(v).isInstanceOf(Verdict.Rejected.class);
        Verdict.Rejected r = (Verdict.Rejected) v;
        assertThat(r.reason()).as(r.message()).isEqualTo(reason);
        return r;
    }

    @Test
    void acceptsAGoodDocumentAndKeepsItsExactContent() {
        ConfigDocument doc = ConfigDocument.of(SELF, 5, ISSUED, ISSUED.plus(Duration.ofDays(7)),
                List.of("fleet@3", "device@1"), Fixtures.settings("rdp.example"));
        byte[] bytes = signer.signBytes(doc);
        Verdict v = verify(bytes, 4);
        assertThat(v).isInstanceOfSatisfying(Verdict.Accepted.class, a -> {
            assertThat(a.document()).isEqualTo(doc);
            assertThat(a.document().settings().path("rdp").path("server").asText()).isEqualTo("rdp.example");
            assertThat(a.keyId()).isEqualTo(signer.keyId());
            assertThat(a.sha256()).isEqualTo(ConfigVerifier.sha256(bytes));
        });
    }

    @Test
    void compactSerializationHasTheStandardHeader() {
        String jws = signer.sign(Fixtures.doc(SELF, 1));
        String[] parts = jws.split("\\.");
        assertThat(parts).hasSize(3);
        ObjectNode header = StrictJson.parseObject(Base64.getUrlDecoder().decode(parts[0]), "header");
        assertThat(header.path("alg").asText()).isEqualTo("EdDSA");
        assertThat(header.path("typ").asText()).isEqualTo("porthole-config+jws");
        assertThat(header.path("cty").asText()).isEqualTo("porthole.config+json");
        assertThat(header.path("kid").asText()).isEqualTo(SigningKeys.keyId(Fixtures.fleetKey().getPublic()));
        assertThat(jws).doesNotContain("=");
        assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(64);
    }

    @Test
    void keyIdIsTheRfc7638ThumbprintOfTheRfc8037Example() {
        // RFC 8037 appendix A.2 public key and A.3 thumbprint
        byte[] x = Base64.getUrlDecoder().decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
        assertThat(SigningKeys.keyId(SigningKeys.publicKey(x))).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    }

    @Test
    void rfc8037ExampleSignatureVerifies() {
        // RFC 8037 appendix A.4: Ed25519 signing of "Example of Ed25519 signing" with the A.1/A.2 key
        byte[] x = Base64.getUrlDecoder().decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
        String compact = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3"
                + "AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
        Jws jws = Jws.parse(compact.getBytes(StandardCharsets.US_ASCII), 4096);
        assertThat(new String(jws.payload(), StandardCharsets.UTF_8)).isEqualTo("Example of Ed25519 signing");
        assertThat(jws.verify(SigningKeys.publicKey(x))).isTrue();
        // and the same signing input signed by us gives the RFC's signature (Ed25519 is deterministic)
        byte[] d = Base64.getUrlDecoder().decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A");
        ObjectNode header = StrictJson.object().put("alg", "EdDSA");
        assertThat(Jws.sign(header, "Example of Ed25519 signing".getBytes(StandardCharsets.UTF_8),
                SigningKeys.fromSeed(d).getPrivate())).isEqualTo(compact);
    }

    @Test
    void tamperedPayloadIsABadSignature() {
        String jws = signer.sign(Fixtures.doc(SELF, 5));
        String[] p = jws.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8)
                .replace("rdp-5.example", "evil.example");
        String forged = p[0] + "." + Jws.base64url(payload.getBytes(StandardCharsets.UTF_8)) + "." + p[2];
        Verdict.Rejected r = rejected(forged.getBytes(StandardCharsets.US_ASCII), 0, RejectReason.BAD_SIGNATURE);
        assertThat(r.message()).contains("signature does not verify").contains(signer.keyId());
        assertThat(r.version()).as("nothing of an unsigned payload is believed").isEmpty();
    }

    @Test
    void flippedSignatureBitIsABadSignature() {
        byte[] bytes = Fixtures.signed(SELF, 5);
        bytes[bytes.length - 3] = (byte) (bytes[bytes.length - 3] == 'A' ? 'B' : 'A');
        rejected(bytes, 0, RejectReason.BAD_SIGNATURE);
    }

    @Test
    void documentSignedByAnUntrustedKeyIsAnUnknownKey() {
        byte[] bytes = new ConfigSigner(Fixtures.otherKey()).signBytes(Fixtures.doc(SELF, 5));
        assertThat(rejected(bytes, 0, RejectReason.UNKNOWN_KEY).message()).contains("not a trusted config-signing key");
    }

    @Test
    void trustedKidWithAnotherKeysSignatureIsABadSignature() {
        // header claims the fleet's kid, signature made by another key
        ObjectNode header = StrictJson.object().put("alg", "EdDSA").put("typ", ConfigVerifier.TYP)
                .put("cty", ConfigVerifier.CTY).put("kid", signer.keyId());
        String jws = Jws.sign(header, StrictJson.bytes(Fixtures.doc(SELF, 5).toJson()), Fixtures.otherKey().getPrivate());
        rejected(jws.getBytes(StandardCharsets.US_ASCII), 0, RejectReason.BAD_SIGNATURE);
    }

    @Test
    void otherAlgorithmsAndCriticalExtensionsAreRefused() {
        String payload = Jws.base64url(StrictJson.bytes(Fixtures.doc(SELF, 5).toJson()));
        for (String alg : new String[] {"none", "HS256", "ES256", "RS256"}) {
            String h = Jws.base64url(("{\"alg\":\"" + alg + "\",\"typ\":\"" + ConfigVerifier.TYP + "\",\"cty\":\""
                    + ConfigVerifier.CTY + "\",\"kid\":\"" + signer.keyId() + "\"}").getBytes(StandardCharsets.UTF_8));
            assertThat(rejected((h + "." + payload + ".").getBytes(StandardCharsets.US_ASCII), 0,
                    RejectReason.UNSUPPORTED_ALGORITHM).message()).contains("'" + alg + "'");
        }
        ObjectNode crit = StrictJson.object().put("alg", "EdDSA").put("typ", ConfigVerifier.TYP)
                .put("cty", ConfigVerifier.CTY).put("kid", signer.keyId());
        crit.putArray("crit").add("b64");
        crit.put("b64", false);
        String jws = Jws.sign(crit, StrictJson.bytes(Fixtures.doc(SELF, 5).toJson()), Fixtures.fleetKey().getPrivate());
        assertThat(rejected(jws.getBytes(StandardCharsets.US_ASCII), 0, RejectReason.UNSUPPORTED_ALGORITHM).message())
                .contains("crit");
    }

    @Test
    void aSignedObjectOfAnotherTypeIsNotAConfigDocument() {
        ObjectNode header = StrictJson.object().put("alg", "EdDSA").put("typ", "JWT").put("cty", ConfigVerifier.CTY)
                .put("kid", signer.keyId());
        String jws = Jws.sign(header, StrictJson.bytes(Fixtures.doc(SELF, 5).toJson()), Fixtures.fleetKey().getPrivate());
        assertThat(rejected(jws.getBytes(StandardCharsets.US_ASCII), 0, RejectReason.WRONG_TYPE).message())
                .contains("typ is 'JWT'");
    }

    @Test
    void wrongDeviceAndWrongTenantAreRefused() {
        Verdict.Rejected d = rejected(Fixtures.signed(new DeviceAddress("acme", "kiosk-8"), 5), 0,
                RejectReason.WRONG_DEVICE);
        assertThat(d.message()).contains("'kiosk-8'").contains("'kiosk-7'");
        assertThat(d.version()).hasValue(5);
        rejected(Fixtures.signed(new DeviceAddress("globex", "kiosk-7"), 5), 0, RejectReason.WRONG_TENANT);
    }

    @Test
    void versionsOnlyGoUp() {
        assertThat(rejected(Fixtures.signed(SELF, 5), 5, RejectReason.NOT_NEWER).message())
                .contains("version 5 is not newer than the last applied version 5");
        rejected(Fixtures.signed(SELF, 4), 5, RejectReason.NOT_NEWER);
        assertThat(verify(Fixtures.signed(SELF, 6), 5)).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void expiredDocumentsAreRefused() {
        ConfigDocument doc = ConfigDocument.of(SELF, 5, ISSUED, ISSUED.plusSeconds(30), List.of(),
                Fixtures.settings("x"));
        assertThat(rejected(signer.signBytes(doc), 0, RejectReason.EXPIRED).message()).contains("expired at");
    }

    @Test
    void unknownSchemaIsRefusedByName() {
        ObjectNode payload = Fixtures.doc(SELF, 5).toJson().put("schema", "porthole.config/v2");
        byte[] bytes = signPayload(payload);
        assertThat(rejected(bytes, 0, RejectReason.UNKNOWN_SCHEMA).message())
                .contains("'porthole.config/v2' is not supported");
    }

    @Test
    void schemaViolationsNameTheMember() {
        assertThat(rejected(signPayload(Fixtures.doc(SELF, 5).toJson().put("extra", 1)), 0,
                RejectReason.INVALID_DOCUMENT).message()).contains("unknown member 'extra'");
        assertThat(rejected(signPayload(Fixtures.doc(SELF, 5).toJson().put("version", "5")), 0,
                RejectReason.INVALID_DOCUMENT).message()).contains("version must be an integer");
        assertThat(rejected(signPayload(Fixtures.doc(SELF, 5).toJson().put("version", 5.5)), 0,
                RejectReason.INVALID_DOCUMENT).message()).contains("version must be an integer");
        ObjectNode noSettings = Fixtures.doc(SELF, 5).toJson();
        noSettings.remove("settings");
        assertThat(rejected(signPayload(noSettings), 0, RejectReason.INVALID_DOCUMENT).message())
                .contains("settings must be a JSON object");
        assertThat(rejected(signPayload(Fixtures.doc(SELF, 5).toJson().put("issuedAt", "yesterday")), 0,
                RejectReason.INVALID_DOCUMENT).message()).contains("issuedAt must be an RFC 3339");
    }

    @Test
    void duplicateMembersInASignedPayloadAreMalformed() {
        String json = "{\"schema\":\"porthole.config/v1\",\"tenant\":\"acme\",\"device\":\"kiosk-8\","
                + "\"device\":\"kiosk-7\",\"version\":5,\"issuedAt\":\"2026-05-01T10:00:00Z\",\"settings\":{}}";
        ObjectNode header = StrictJson.object().put("alg", "EdDSA").put("typ", ConfigVerifier.TYP)
                .put("cty", ConfigVerifier.CTY).put("kid", signer.keyId());
        String jws = Jws.sign(header, json.getBytes(StandardCharsets.UTF_8), Fixtures.fleetKey().getPrivate());
        assertThat(rejected(jws.getBytes(StandardCharsets.US_ASCII), 0, RejectReason.MALFORMED).message())
                .contains("Duplicate field 'device'");
    }

    @Test
    void oversizedAndGarbageInputIsRefusedBeforeParsing() {
        assertThat(rejected(new byte[ConfigVerifier.DEFAULT_MAX_BYTES + 1], 0, RejectReason.TOO_LARGE).message())
                .contains("at most 262144");
        assertThat(rejected("not a jws".getBytes(StandardCharsets.US_ASCII), 0, RejectReason.MALFORMED).message())
                .contains("base64url");
        assertThat(rejected("a.b".getBytes(StandardCharsets.US_ASCII), 0, RejectReason.MALFORMED).message())
                .contains("three parts");
        assertThat(rejected("e30.e30.e30=".getBytes(StandardCharsets.US_ASCII), 0, RejectReason.MALFORMED).message())
                .contains("0x3d");
    }

    private byte[] signPayload(ObjectNode payload) {
        ObjectNode header = StrictJson.object().put("alg", "EdDSA").put("typ", ConfigVerifier.TYP)
                .put("cty", ConfigVerifier.CTY).put("kid", signer.keyId());
        return Jws.sign(header, StrictJson.bytes(payload), Fixtures.fleetKey().getPrivate())
                .getBytes(StandardCharsets.US_ASCII);
    }
}
