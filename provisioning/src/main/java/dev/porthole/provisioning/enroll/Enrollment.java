package dev.porthole.provisioning.enroll;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.LinkSettings;
import dev.porthole.provisioning.mqtt.MqttConnector;
import dev.porthole.provisioning.mqtt.MqttLink;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.pki.CertificateAuthority;
import dev.porthole.provisioning.pki.Csr;
import dev.porthole.provisioning.pki.Pem;
import dev.porthole.provisioning.store.AtomicFiles;
import dev.porthole.provisioning.topic.DeviceAddress;
import dev.porthole.provisioning.topic.Ids;

/**
 * Enrollment on the device: make (or reuse, after an interrupted attempt) an EC P-256 key pair in the state
 * directory, build a PKCS#10 request for the device id, connect to the broker with the claim certificate, ask the
 * fleet's enrollment responder in the claim's area, check the certificate that comes back (our key, our id, signed
 * by the fleet CA, valid now) and store it. Afterwards the device connects with {@link DeviceIdentity#sslContext()}.
 */
public final class Enrollment {

    private static final TaggedLogger LOG = Logger.tag("provisioning");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MqttConnector connector;
    private final InstantSource clock;
    private final Duration resendEvery;

    /**
     * @param resendEvery how often the request is sent again while no response came (the responder may start later)
     */
    public Enrollment(MqttConnector connector, InstantSource clock, Duration resendEvery) {
        this.connector = connector;
        this.clock = clock;
        this.resendEvery = resendEvery;
    }

    /**
     * Enrolls (or returns the identity already stored in {@code stateDir}).
     *
     * @param bundle   the claim bundle
     * @param deviceId the device id to ask for; null to use the one the claim is bound to
     * @param link     link settings to tune (backoff, timeouts); null for defaults. Server, client id and TLS come
     *                 from the bundle.
     * @param timeout  how long to wait for the responder
     * @throws ProvisioningException {@code REFUSED} with the responder's reason, {@code TIMEOUT}, {@code CRYPTO} when
     *                               the certificate that came back is not acceptable
     */
    public DeviceIdentity enroll(ClaimBundle bundle, String deviceId, Path stateDir,
                                 java.util.function.UnaryOperator<LinkSettings.Builder> link, Duration timeout) {
        Optional<DeviceIdentity> existing = DeviceIdentity.load(stateDir);
        if (existing.isPresent()) {
            return existing.get();
        }
        String device = deviceId != null ? deviceId : bundle.boundDevice().orElseThrow(() ->
                new ProvisioningException(Kind.USAGE, "claim " + bundle.claimId() + " is bound to no device id; pass one"));
        Ids.require("device id", device);
        if (bundle.boundDevice().isPresent() && !bundle.boundDevice().get().equals(device)) {
            throw new ProvisioningException(Kind.USAGE, "claim " + bundle.claimId() + " is bound to device '"
                    + bundle.boundDevice().get() + "', not '" + device + "'");
        }
        DeviceAddress address = new DeviceAddress(bundle.tenant(), device);
        KeyPair keys = deviceKeys(stateDir);
        Csr csr = Csr.create(keys, device);
        String csrText = Base64.getEncoder().encodeToString(csr.der());
        EnrollmentProtocol.Request request = new EnrollmentProtocol.Request(bundle.claimId(), bundle.tenant(), device,
                csrText, EnrollmentProtocol.proof(bundle.secret(), bundle.claimId(), bundle.tenant(), device, csrText));
        byte[] correlation = new byte[16];
        RANDOM.nextBytes(correlation);

        LinkSettings.Builder settings = LinkSettings.builder(bundle.broker(), bundle.claimId(), bundle.sslContext())
                .cleanStart(true).sessionExpiry(Duration.ZERO).maximumPacketSize(256 * 1024);
        if (link != null) {
            settings = link.apply(settings);
        }
        LinkedBlockingQueue<MqttMessage> responses = new LinkedBlockingQueue<>(16);
        String responseTopic = EnrollmentProtocol.responseTopic(bundle.claimId());
        LOG.info("enrollment started claim={} device={} broker={}", bundle.claimId(), address, bundle.broker());
        try (MqttLink mqtt = new MqttLink(connector, settings.build())) {
            mqtt.subscribe(responseTopic, 1, m -> {
                if (m.correlationData().map(c -> Arrays.equals(c, correlation)).orElse(false)) {
                    responses.offer(m);
                }
            });
            mqtt.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            long nextSend = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    throw new ProvisioningException(Kind.TIMEOUT, "no enrollment response for claim "
                            + bundle.claimId() + " from " + bundle.broker() + " within " + timeout.toSeconds() + " s"
                            + (mqtt.isConnected() ? " (connected; is the fleet's enrollment responder running?)"
                            : " (could not connect to the broker with the claim certificate)"));
                }
                if (mqtt.isConnected() && now >= nextSend) {
                    try {
                        mqtt.publishAndWait(MqttMessage.to(EnrollmentProtocol.requestTopic(bundle.claimId()))
                                .payload(StrictJson.bytes(request.toJson())).qos(1).contentType("application/json")
                                .responseTopic(responseTopic).correlationData(correlation)
                                .messageExpiry(resendEvery.plusSeconds(5)).build());
                        nextSend = now + resendEvery.toNanos();
                    } catch (ProvisioningException e) {
                        LOG.warn("enrollment request not sent claim={} error={}", bundle.claimId(), e.getMessage());
                        nextSend = now + Duration.ofMillis(500).toNanos();
                    }
                }
                MqttMessage m = responses.poll(Math.min(200, Math.max(1, (deadline - now) / 1_000_000)),
                        TimeUnit.MILLISECONDS);
                if (m != null) {
                    DeviceIdentity identity = accept(m, bundle, address, keys);
                    identity.saveCertificates(stateDir);
                    LOG.info("enrollment complete device={} subject={} notAfter={}", address,
                            identity.certificate().getSubjectX500Principal(),
                            identity.certificate().getNotAfter().toInstant());
                    return identity;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(Kind.TIMEOUT, "enrollment interrupted", e);
        }
    }

    private DeviceIdentity accept(MqttMessage m, ClaimBundle bundle, DeviceAddress address, KeyPair keys) {
        if (m.payloadSize() > EnrollmentProtocol.MAX_BYTES) {
            throw new ProvisioningException(Kind.MALFORMED, "enrollment response is too large (" + m.payloadSize()
                    + " bytes)");
        }
        ObjectNode o = StrictJson.parseObject(m.payload(), "enrollment response");
        String status = o.path("status").asText();
        if ("refused".equals(status)) {
            throw new ProvisioningException(Kind.REFUSED, "enrollment refused for claim " + bundle.claimId() + ": "
                    + o.path("reason").asText("unknown") + " (" + o.path("message").asText("") + ")");
        }
        if (!"issued".equals(status)) {
            throw new ProvisioningException(Kind.MALFORMED, "enrollment response status is '" + status + "'");
        }
        List<X509Certificate> chain = Pem.readCertificates(EnrollmentProtocol.text(o, "certificate"),
                "enrolled certificate");
        List<X509Certificate> ca = Pem.readCertificates(EnrollmentProtocol.text(o, "ca"), "enrollment CA");
        X509Certificate leaf = chain.getFirst();
        if (!leaf.getPublicKey().equals(keys.getPublic())) {
            throw new ProvisioningException(Kind.CRYPTO, "the enrolled certificate is not for this device's key");
        }
        if (!CertificateAuthority.commonName(leaf).equals(address.device())) {
            throw new ProvisioningException(Kind.CRYPTO, "the enrolled certificate is for '"
                    + CertificateAuthority.commonName(leaf) + "', not '" + address.device() + "'");
        }
        boolean chained = bundle.ca().stream().anyMatch(c -> CertificateAuthority.verifies(leaf, c, clock.instant()));
        if (!chained) {
            throw new ProvisioningException(Kind.CRYPTO, "the enrolled certificate is not signed by the fleet CA of the"
                    + " claim bundle, or not valid now");
        }
        return new DeviceIdentity(address, bundle.broker(), keys.getPrivate(), chain, bundle.ca().isEmpty() ? ca
                : bundle.ca(), bundle.configKeys());
    }

    /** The key pair in {@code identity/device.key}, made (owner-only, crash-safely) when missing. */
    static KeyPair deviceKeys(Path stateDir) {
        Path dir = AtomicFiles.directory(DeviceIdentity.directory(stateDir), AtomicFiles.OWNER_ONLY_DIR);
        Path file = dir.resolve("device.key");
        Optional<byte[]> existing = AtomicFiles.read(file, 64 * 1024);
        if (existing.isPresent()) {
            PrivateKey key = Pem.readPrivateKey(new String(existing.get(), StandardCharsets.US_ASCII), file.toString());
            return new KeyPair(publicOf(key), key);
        }
        KeyPair kp = Csr.newDeviceKeyPair();
        AtomicFiles.write(file, Pem.privateKey(kp.getPrivate()).getBytes(StandardCharsets.US_ASCII),
                AtomicFiles.OWNER_ONLY);
        return kp;
    }

    /** The public key of an EC private key: Q = d·G on its curve (Bouncy Castle point arithmetic). */
    private static PublicKey publicOf(PrivateKey key) {
        if (!(key instanceof java.security.interfaces.ECPrivateKey ec)) {
            throw new ProvisioningException(Kind.CRYPTO, "the stored device key is " + key.getAlgorithm()
                    + ", not EC");
        }
        try {
            java.security.spec.ECParameterSpec params = ec.getParams();
            org.bouncycastle.jce.spec.ECParameterSpec bc = org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util
                    .convertSpec(params);
            org.bouncycastle.math.ec.ECPoint q = bc.getG().multiply(ec.getS()).normalize();
            java.security.spec.ECPoint w = new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(),
                    q.getAffineYCoord().toBigInteger());
            return java.security.KeyFactory.getInstance("EC").generatePublic(
                    new java.security.spec.ECPublicKeySpec(w, params));
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new ProvisioningException(Kind.CRYPTO, "cannot recover the public key of the stored device key: "
                    + e.getMessage(), e);
        }
    }
}
