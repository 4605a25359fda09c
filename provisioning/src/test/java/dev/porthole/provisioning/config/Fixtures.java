package dev.porthole.provisioning.config;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.topic.DeviceAddress;

/** Deterministic signing keys and documents for config tests (the fuzz corpus was made with these keys). */
public final class Fixtures {

    public static final DeviceAddress SELF = new DeviceAddress("acme", "kiosk-7");
    public static final Instant ISSUED = Instant.parse("2026-05-01T10:00:00Z");

    private Fixtures() {}

    /** The fleet's config-signing key of the tests (seed 0x01 × 32). */
    public static KeyPair fleetKey() {
        return seeded(1);
    }

    /** Another key (seed 0x02 × 32), trusted by nobody. */
    public static KeyPair otherKey() {
        return seeded(2);
    }

    public static KeyPair seeded(int b) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) b);
        return SigningKeys.fromSeed(seed);
    }

    public static ObjectNode settings(String server) {
        ObjectNode s = StrictJson.object();
        s.putObject("rdp").put("server", server).put("port", 3389);
        s.putObject("display").put("rotation", 0);
        return s;
    }

    public static ConfigDocument doc(DeviceAddress to, long version) {
        return ConfigDocument.of(to, version, ISSUED, null, List.of("fleet@1"), settings("rdp-" + version + ".example"));
    }

    public static byte[] signed(DeviceAddress to, long version) {
        return new ConfigSigner(fleetKey()).signBytes(doc(to, version));
    }
}
