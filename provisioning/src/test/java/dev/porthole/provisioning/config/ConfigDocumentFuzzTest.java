package dev.porthole.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.json.StrictJson;

/**
 * Fuzz targets for the configuration document decoders (invariant 4). Untrusted bytes may only produce a
 * {@link Verdict} (the verifier) or a {@link ProvisioningException} (the parsers); any other exception fails. The
 * saved corpus under {@code ConfigDocumentFuzzTestInputs/} replays in every build; {@code JAZZER_FUZZ=1} explores.
 */
class ConfigDocumentFuzzTest {

    private static final ConfigVerifier VERIFIER = ConfigVerifier.trusting(Fixtures.fleetKey().getPublic());

    @FuzzTest(maxDuration = "60s")
    void verify(byte[] data) {
        Verdict v = VERIFIER.verify(data, Fixtures.SELF, 3, Instant.parse("2026-05-02T00:00:00Z"));
        assertThat(v).isNotNull();
        if (v instanceof Verdict.Accepted a) {
            // only a document signed by the fleet key for this device can get here
            assertThat(a.document().device()).isEqualTo(Fixtures.SELF.device());
            assertThat(a.document().version()).isGreaterThan(3);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void jwsCompact(byte[] data) {
        try {
            Jws jws = Jws.parse(data, 64 * 1024);
            assertThat(jws.signingInput()).isNotNull();
        } catch (ProvisioningException expected) {
            // the only acceptable failure
        }
    }

    @FuzzTest(maxDuration = "60s")
    void documentJson(byte[] data) {
        try {
            ConfigDocument doc = ConfigDocument.fromJson(StrictJson.parseObject(data, "payload"));
            assertThat(ConfigDocument.fromJson(doc.toJson())).isEqualTo(doc);
        } catch (ProvisioningException expected) {
            // the only acceptable failure
        }
    }
}
