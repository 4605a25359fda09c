package dev.porthole.provisioning.fleet;

import static dev.porthole.provisioning.BrokerFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.provisioning.BrokerFixtures;
import dev.porthole.provisioning.FleetFixtures;
import dev.porthole.provisioning.MqttClient;
import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.enroll.ClaimBundle;
import dev.porthole.provisioning.enroll.DeviceIdentity;
import dev.porthole.provisioning.enroll.Enrollment;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.MqttLink;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.pki.CertificateAuthority;
import dev.porthole.testbed.mosquitto.MosquittoBroker;
import dev.porthole.testbed.mosquitto.MosquittoExtension;

/** Enrollment end to end against the real Mosquitto: claim certificate, CSR, responder, device certificate. */
@ParameterizedClass(name = "{0}")
@EnumSource(MqttClient.class)
@ExtendWith(MosquittoExtension.class)
class EnrollmentTest {

    @Parameter
    MqttClient client;

    @TempDir
    Path tmp;

    private MosquittoBroker broker;
    private FleetInit.Result fleet;
    private EnrollmentResponder responder;
    private Enrollment enrollment;

    @BeforeEach
    void setUp(MosquittoBroker b) {
        broker = b;
        enrollment = new Enrollment(client.connector(), InstantSource.system(), Duration.ofSeconds(2));
        fleet = FleetFixtures.init(b, tmp.resolve("fleet"), "acme", "kiosk-1", null, null);
        responder = new EnrollmentResponder(FleetFixtures.connections(fleet, client.connector()), InstantSource.system(), Duration.ofDays(365));
        responder.start();
        assertThat(responder.awaitConnected(Duration.ofSeconds(10))).isTrue();
    }

    @AfterEach
    void tearDown() {
        responder.close();
    }

    private DeviceIdentity enroll(ClaimBundle bundle, String device, Path state) {
        return enrollment.enroll(bundle, device, state, FleetFixtures.TUNE, Duration.ofSeconds(15));
    }

    @Test
    void deviceEnrollsAndThenConnectsWithItsOwnCertificate() throws Exception {
        Path state = tmp.resolve("kiosk-1");
        DeviceIdentity id = enroll(fleet.claims().getFirst(), null, state);

        assertThat(id.address().tenant()).isEqualTo("acme");
        assertThat(id.address().device()).isEqualTo("kiosk-1");
        assertThat(CertificateAuthority.commonName(id.certificate())).isEqualTo("kiosk-1");
        assertThat(id.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(CertificateAuthority.verifies(id.certificate(), broker.ca().certificate(), Instant.now())).isTrue();
        assertThat(id.toString()).doesNotContain("PRIVATE");
        Path dir = state.resolve("identity");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        for (String f : new String[] {"device.key", "device.pem", "ca.pem", "identity.json"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f)))).as(f)
                    .isEqualTo("rw-------");
        }
        assertThat(new DeviceRegistry(fleet.fleet()).find("kiosk-1")).isPresent();
        assertThat(new ClaimRegistry(fleet.fleet()).find(fleet.claims().getFirst().claimId()).orElseThrow().usedBy())
                .isEqualTo("kiosk-1");

        // enrolled: a second call returns the stored identity without asking anyone
        assertThat(enroll(fleet.claims().getFirst(), null, state).certificate()).isEqualTo(id.certificate());
        assertThat(DeviceIdentity.load(state)).hasValueSatisfying(l -> assertThat(l.chain()).isEqualTo(id.chain()));

        // the device certificate works with the broker's per-device ACL
        try (MqttLink device = BrokerFixtures.connected(client.connector(),
                settings(broker, "kiosk-1", id.sslContext()).build())) {
            device.publishAndWait(MqttMessage.to("porthole/v1/acme/kiosk-1/state").payload("online").build());
            assertThatThrownBy(() -> device.publishAndWait(
                    MqttMessage.to("porthole/v1/acme/kiosk-2/state").payload("forged").build()))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.kind()).isEqualTo(ProvisioningException.Kind.NOT_AUTHORIZED));
        }
    }

    @Test
    void aClaimIsUsedOnlyOnce() {
        ClaimBundle unbound = fleet.claims().get(1);
        enroll(unbound, "kiosk-2", tmp.resolve("kiosk-2"));
        assertThatThrownBy(() -> enroll(unbound, "kiosk-3", tmp.resolve("kiosk-3")))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProvisioningException.Kind.REFUSED))
                .hasMessageContaining("claim-used");
        assertThat(DeviceIdentity.load(tmp.resolve("kiosk-3"))).isEmpty();
    }

    @Test
    void lostResponseRetriedWithTheSameKeyGetsACertificateAgain() {
        ClaimBundle unbound = fleet.claims().get(2);
        Path state = tmp.resolve("kiosk-4");
        DeviceIdentity first = enroll(unbound, "kiosk-4", state);
        // the response was lost: the certificate files never made it, the key did
        for (String f : new String[] {"identity.json", "device.pem", "ca.pem"}) {
            tmp.resolve("kiosk-4/identity/" + f).toFile().delete();
        }
        DeviceIdentity second = enroll(unbound, "kiosk-4", state);
        assertThat(second.certificate().getPublicKey()).isEqualTo(first.certificate().getPublicKey());
        assertThat(second.certificate().getSerialNumber()).isNotEqualTo(first.certificate().getSerialNumber());
    }

    @Test
    void aWrongSecretIsRefused() {
        ClaimBundle real = fleet.claims().get(1);
        byte[] wrong = real.secret();
        wrong[0] ^= 1;
        ClaimBundle forged = new ClaimBundle(real.claimId(), real.tenant(), real.device(), real.broker(), wrong,
                real.certificate(), real.key(), real.ca(), real.configKeys(), real.expiresAt());
        assertThatThrownBy(() -> enroll(forged, "kiosk-5", tmp.resolve("kiosk-5"))).hasMessageContaining("bad-proof");
    }

    @Test
    void aBoundClaimCannotEnrollAnotherDevice() {
        ClaimBundle bound = fleet.claims().getFirst();
        assertThatThrownBy(() -> enroll(bound, "kiosk-9", tmp.resolve("kiosk-9")))
                .hasMessageContaining("bound to device 'kiosk-1'");
        // a device that lies about the binding is stopped by the responder
        ClaimBundle unboundCopy = new ClaimBundle(bound.claimId(), bound.tenant(), null, bound.broker(), bound.secret(),
                bound.certificate(), bound.key(), bound.ca(), bound.configKeys(), bound.expiresAt());
        assertThatThrownBy(() -> enroll(unboundCopy, "kiosk-9", tmp.resolve("kiosk-9")))
                .hasMessageContaining("device-mismatch");
    }

    @Test
    void reservedAndExistingDeviceIdsAreRefused() {
        ClaimBundle c = new ClaimRegistry(fleet.fleet()).create(null, Duration.ofHours(1), Instant.now());
        assertThatThrownBy(() -> enroll(c, "claim-someone", tmp.resolve("x1"))).hasMessageContaining("reserved-device-id");
        assertThatThrownBy(() -> enroll(c, broker.fleetIdentity(), tmp.resolve("x2")))
                .hasMessageContaining("reserved-device-id");
        enroll(fleet.claims().getFirst(), null, tmp.resolve("kiosk-1"));
        ClaimBundle other = new ClaimRegistry(fleet.fleet()).create(null, Duration.ofHours(1), Instant.now());
        assertThatThrownBy(() -> enroll(other, "kiosk-1", tmp.resolve("impostor")))
                .hasMessageContaining("device-exists");
    }

    @Test
    void expiredClaimsAreRefused() {
        ClaimRegistry registry = new ClaimRegistry(fleet.fleet());
        ClaimBundle c = registry.create(null, Duration.ofHours(1), Instant.now());
        EnrollmentResponder later = new EnrollmentResponder(FleetFixtures.connections(fleet, client.connector()),
                InstantSource.fixed(Instant.now().plus(Duration.ofHours(2))), Duration.ofDays(1));
        String csr = java.util.Base64.getEncoder().encodeToString(dev.porthole.provisioning.pki.Csr.create(
                dev.porthole.provisioning.pki.Csr.newDeviceKeyPair(), "kiosk-6").der());
        var req = new dev.porthole.provisioning.enroll.EnrollmentProtocol.Request(c.claimId(), "acme", "kiosk-6", csr,
                dev.porthole.provisioning.enroll.EnrollmentProtocol.proof(c.secret(), c.claimId(), "acme", "kiosk-6", csr));
        var answer = later.answer(c.claimId(), MqttMessage.to("porthole/enroll/" + c.claimId() + "/request")
                .payload(StrictJson.bytes(req.toJson())).build());
        assertThat(answer.path("status").asText()).isEqualTo("refused");
        assertThat(answer.path("reason").asText()).isEqualTo("claim-expired");
        // and a request through another claim's area is refused
        var mismatch = responder.answer("claim-other", MqttMessage.to("porthole/enroll/claim-other/request")
                .payload(StrictJson.bytes(req.toJson())).build());
        assertThat(mismatch.path("reason").asText()).isEqualTo("claim-mismatch");
        var garbage = responder.answer(c.claimId(), MqttMessage.to("porthole/enroll/x/request").payload("{").build());
        assertThat(garbage.path("reason").asText()).isEqualTo("malformed");
    }

    @Test
    void withoutAResponderEnrollmentTimesOutAndSaysWhy() {
        responder.close();
        ClaimBundle unbound = fleet.claims().get(1);
        assertThatThrownBy(() -> enrollment.enroll(unbound, "kiosk-7", tmp.resolve("kiosk-7"), FleetFixtures.TUNE,
                Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProvisioningException.Kind.TIMEOUT))
                .hasMessageContaining("is the fleet's enrollment responder running?");
        // the key stays for the next attempt
        assertThat(tmp.resolve("kiosk-7/identity/device.key")).exists();
    }

    @Test
    void claimBundleRoundTripsAndHidesItsSecrets() {
        ClaimBundle b = fleet.claims().getFirst();
        ClaimBundle read = ClaimBundle.parse(b.toBytes());
        assertThat(read).isEqualTo(b);
        assertThat(read.certificate()).isEqualTo(b.certificate());
        assertThat(b.toString()).doesNotContain(java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(b.secret())).doesNotContain("PRIVATE");
    }
}
