package dev.porthole.provisioning.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.device.ConfigReport;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.MqttMessage;

/**
 * Fuzz targets for what the fleet side decodes from devices and claimants (invariant 4): enrollment requests as the
 * responder answers them (always an answer, never an exception), status messages, and config reports.
 */
class FleetInputsFuzzTest {

    private static final FleetInit.Result FLEET = init();
    private static final EnrollmentResponder RESPONDER = new EnrollmentResponder(
            new FleetConnections(FLEET.fleet(), (spec, l) -> {
                throw new ProvisioningException(ProvisioningException.Kind.CONNECTION, "no broker in this test");
            }, null), InstantSource.system(), Duration.ofDays(1));
    private static final FleetStatus STATUS = new FleetStatus(FLEET.fleet());

    private static FleetInit.Result init() {
        try {
            Path dir = Files.createTempDirectory("porthole-fuzz-fleet");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var all = Files.walk(dir)) {
                    all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // temporary files only
                }
            }));
            return FleetInit.init(dir.resolve("fleet"), FleetInit.Options.of("acme", URI.create("ssl://127.0.0.1:1"))
                    .withClaims(List.of("kiosk-7"), Duration.ofDays(1)), Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void enrollmentRequest(byte[] data) {
        String claim = FLEET.claims().getFirst().claimId();
        ObjectNode answer = RESPONDER.answer(claim, MqttMessage.to("porthole/enroll/" + claim + "/request")
                .payload(data).build());
        String status = answer.path("status").asText();
        if (!status.equals("refused") && !status.equals("issued")) {
            throw new AssertionError("no answer: " + answer);
        }
        if (answer.path("reason").asText().equals("internal-error")) {
            throw new AssertionError("bad input must be refused with its reason, not as an internal error: " + answer);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void statusMessages(byte[] data) {
        String leaf = data.length == 0 ? "state" : switch (data[0] & 3) {
            case 0 -> "state";
            case 1 -> "birth";
            default -> "config/reported";
        };
        STATUS.accept(MqttMessage.to("porthole/v1/acme/kiosk-7/" + leaf)
                .payload(data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length)).build());
    }

    @FuzzTest(maxDuration = "60s")
    void configReport(byte[] data) {
        try {
            ConfigReport.fromJson(StrictJson.parse(data, "report"));
        } catch (ProvisioningException expected) {
            // the only acceptable failure
        }
    }
}
