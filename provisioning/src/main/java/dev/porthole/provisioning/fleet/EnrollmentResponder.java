package dev.porthole.provisioning.fleet;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.enroll.ClaimBundle;
import dev.porthole.provisioning.enroll.EnrollmentProtocol;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.MqttLink;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.pki.CertificateAuthority;
import dev.porthole.provisioning.pki.Csr;
import dev.porthole.provisioning.pki.Pem;

/**
 * {@code porthole fleet enroll-responder}: answers enrollment requests ({@link EnrollmentProtocol}) arriving on
 * {@code porthole/enroll/+/request}. A request is granted when the claim exists, belongs to this tenant, has not
 * expired, its HMAC proof verifies, the device id is allowed (the one the claim is bound to, never a claim id, not
 * an existing device of another key), the CSR proves possession of its key and names the device; the claim is then
 * used up and a device certificate issued. The same device asking again with the same key (a lost response) gets a
 * certificate again; anyone else gets {@code claim-used}.
 *
 * <p>The answer always goes to the claim's own {@code porthole/enroll/<claim>/response} — never to a response topic
 * the request names — since the fleet identity may publish anywhere and must not be steered into a device's tree.
 * Every request gets an answer, refusals with a reason.
 */
public final class EnrollmentResponder implements AutoCloseable {

    private static final TaggedLogger LOG = Logger.tag("provisioning");

    private final FleetDirectory fleet;
    private final FleetConnections connections;
    private final ClaimRegistry claims;
    private final DeviceRegistry devices;
    private final InstantSource clock;
    private final Duration certificateValidity;
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private MqttLink link;

    public EnrollmentResponder(FleetConnections connections, InstantSource clock, Duration certificateValidity) {
        this.connections = connections;
        this.fleet = connections.fleet();
        this.claims = new ClaimRegistry(fleet);
        this.devices = new DeviceRegistry(fleet);
        this.clock = clock;
        this.certificateValidity = certificateValidity;
    }

    /** Connects and starts answering (the subscription is remade after reconnects). */
    public void start() {
        link = connections.link("enroll");
        link.subscribe(EnrollmentProtocol.ROOT + "/+/request", 1, this::onRequest);
        link.start();
        LOG.info("enrollment responder started tenant={} broker={}", fleet.tenant(), fleet.broker());
    }

    /** Waits until connected. */
    public boolean awaitConnected(Duration timeout) {
        return link != null && link.awaitConnected(timeout);
    }

    public long issuedCount() {
        return issued.get();
    }

    public long refusedCount() {
        return refused.get();
    }

    private void onRequest(MqttMessage m) {
        String[] levels = m.topic().split("/");
        if (levels.length != 4 || !levels[3].equals("request")) {
            return;
        }
        String claimOfTopic = levels[2];
        ObjectNode answer = answer(claimOfTopic, m);
        MqttMessage.Builder reply = MqttMessage.to(EnrollmentProtocol.responseTopic(claimOfTopic))
                .payload(StrictJson.bytes(answer)).qos(1).contentType("application/json")
                .messageExpiry(Duration.ofMinutes(5));
        m.correlationData().ifPresent(reply::correlationData);
        try {
            link.publishAndWait(reply.build());
        } catch (ProvisioningException e) {
            LOG.warn("enrollment answer not delivered claim={} error={}", claimOfTopic, e.getMessage());
        }
    }

    /** The answer to one request in the area of claim {@code claimOfTopic} (no I/O besides the fleet directory). */
    ObjectNode answer(String claimOfTopic, MqttMessage m) {
        try {
            ObjectNode issuedAnswer = decide(claimOfTopic, m);
            issued.incrementAndGet();
            return issuedAnswer;
        } catch (Refusal r) {
            refused.incrementAndGet();
            LOG.warn("enrollment refused claim={} reason={} message={}", claimOfTopic, r.reason, r.getMessage());
            return EnrollmentProtocol.refused(r.reason, r.getMessage());
        } catch (RuntimeException e) {
            refused.incrementAndGet();
            LOG.error(e, "enrollment failed claim={}", claimOfTopic);
            return EnrollmentProtocol.refused("internal-error", "the fleet could not process the request ("
                    + (e instanceof ProvisioningException p ? p.kind() : e.getClass().getSimpleName()) + ")");
        }
    }

    private ObjectNode decide(String claimOfTopic, MqttMessage m) {
        if (m.payloadSize() > EnrollmentProtocol.MAX_BYTES) {
            throw new Refusal("malformed", "request is " + m.payloadSize() + " bytes; at most "
                    + EnrollmentProtocol.MAX_BYTES);
        }
        EnrollmentProtocol.Request req;
        try {
            req = EnrollmentProtocol.Request.parse(m.payload());
        } catch (ProvisioningException e) {
            throw new Refusal("malformed", e.getMessage());
        }
        if (!req.claim().equals(claimOfTopic)) {
            throw new Refusal("claim-mismatch", "request names claim '" + req.claim() + "' but came through the area"
                    + " of claim '" + claimOfTopic + "'");
        }
        ClaimRegistry.Claim claim = claims.find(req.claim()).orElseThrow(() ->
                new Refusal("unknown-claim", "claim '" + req.claim() + "' is not known to this fleet"));
        if (!claim.tenant().equals(fleet.tenant()) || !req.tenant().equals(fleet.tenant())) {
            throw new Refusal("wrong-tenant", "this fleet manages tenant '" + fleet.tenant() + "'");
        }
        if (!clock.instant().isBefore(claim.expiresAt())) {
            throw new Refusal("claim-expired", "claim '" + req.claim() + "' expired at " + claim.expiresAt());
        }
        String expected = EnrollmentProtocol.proof(claim.secret(), req.claim(), req.tenant(), req.device(), req.csr());
        if (!EnrollmentProtocol.proofMatches(expected, req.proof())) {
            throw new Refusal("bad-proof", "the request's proof does not match the claim secret");
        }
        if (req.device().startsWith(ClaimBundle.CLAIM_PREFIX)) {
            throw new Refusal("reserved-device-id", "device ids may not start with '" + ClaimBundle.CLAIM_PREFIX + "'");
        }
        if (req.device().equals(fleet.fleetIdentity())) {
            throw new Refusal("reserved-device-id", "'" + req.device() + "' is the fleet's own identity");
        }
        if (claim.device() != null && !claim.device().equals(req.device())) {
            throw new Refusal("device-mismatch", "claim '" + req.claim() + "' is bound to device '" + claim.device()
                    + "', not '" + req.device() + "'");
        }
        Csr csr;
        try {
            csr = Csr.parse(req.csrDer());
        } catch (ProvisioningException e) {
            throw new Refusal("bad-csr", e.getMessage());
        }
        if (!csr.commonName().equals(req.device())) {
            throw new Refusal("csr-mismatch", "CSR names '" + csr.commonName() + "', the request '" + req.device() + "'");
        }
        String fingerprint = CertificateAuthority.keyFingerprint(csr.publicKey());
        if (claim.usedBy() != null && !(claim.usedBy().equals(req.device()) && fingerprint.equals(claim.usedKey()))) {
            throw new Refusal("claim-used", "claim '" + req.claim() + "' was already used");
        }
        Optional<DeviceRegistry.Device> known = devices.find(req.device());
        if (known.isPresent() && !known.get().keyFingerprint().equals(fingerprint)) {
            throw new Refusal("device-exists", "device '" + req.device() + "' is enrolled already with another key");
        }
        claims.markUsed(claim, req.device(), fingerprint);
        CertificateAuthority ca = fleet.ca();
        X509Certificate cert = ca.issueClient(csr.publicKey(), req.device(), fleet.tenant(), certificateValidity,
                clock.instant());
        devices.save(new DeviceRegistry.Device(req.device(), known.map(DeviceRegistry.Device::groups).orElse(List.of()),
                req.claim(), fingerprint, cert.getSerialNumber().toString(16), clock.instant(),
                cert.getNotAfter().toInstant()));
        LOG.info("enrollment granted claim={} device={} serial={} notAfter={}", req.claim(), req.device(),
                cert.getSerialNumber().toString(16), cert.getNotAfter().toInstant());
        return EnrollmentProtocol.issued(Pem.certificates(List.of(cert, ca.certificate())),
                Pem.certificates(fleet.brokerTrust()));
    }

    /** A refusal with its reason code. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String reason;

        Refusal(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    @Override
    public void close() {
        if (link != null) {
            link.close();
        }
    }
}
