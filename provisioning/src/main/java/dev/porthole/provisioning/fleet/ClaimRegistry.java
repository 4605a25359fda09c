package dev.porthole.provisioning.fleet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.enroll.ClaimBundle;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.pki.CertificateAuthority;
import dev.porthole.provisioning.pki.Csr;
import dev.porthole.provisioning.store.AtomicFiles;
import dev.porthole.provisioning.topic.Ids;

/**
 * Claims of a fleet directory ({@code claims/}): each claim is a one-time, expiring permission to enroll one device,
 * with a claim certificate for the broker and a secret for the request's HMAC.
 */
public final class ClaimRegistry {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    /**
     * A claim record.
     *
     * @param claimId   the claim id
     * @param tenant    the tenant
     * @param device    the device the claim is bound to, or null
     * @param secret    the claim secret
     * @param expiresAt when it expires
     * @param usedBy    the device that enrolled with it, or null
     * @param usedKey   the fingerprint of that device's key, or null
     */
    public record Claim(String claimId, String tenant, String device, byte[] secret, Instant expiresAt, String usedBy,
                        String usedKey) {
        @Override
        public String toString() {
            return "Claim[" + claimId + ", device=" + device + ", expiresAt=" + expiresAt + ", usedBy=" + usedBy + "]";
        }
    }

    private final FleetDirectory fleet;

    public ClaimRegistry(FleetDirectory fleet) {
        this.fleet = fleet;
    }

    /** Makes a claim (bound to {@code device} when not null) valid for {@code validity}, and its bundle. */
    public ClaimBundle create(String device, Duration validity, Instant now) {
        if (device != null) {
            Ids.require("device id", device);
        }
        StringBuilder id = new StringBuilder(ClaimBundle.CLAIM_PREFIX);
        for (int i = 0; i < 12; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Instant expires = now.plus(validity);
        CertificateAuthority ca = fleet.ca();
        KeyPair kp = Csr.newDeviceKeyPair();
        X509Certificate cert = ca.issueClient(kp.getPublic(), id.toString(), fleet.tenant(), validity, now);
        ClaimBundle bundle = new ClaimBundle(id.toString(), fleet.tenant(), device, fleet.broker(), secret,
                List.of(cert, ca.certificate()), kp.getPrivate(), fleet.brokerTrust(),
                List.of(fleet.signingKeys().getPublic()), expires);
        Path dir = AtomicFiles.directory(fleet.claims(), AtomicFiles.OWNER_ONLY_DIR);
        save(new Claim(bundle.claimId(), fleet.tenant(), device, secret, expires, null, null));
        AtomicFiles.write(dir.resolve(bundle.claimId() + ".bundle.json"), bundle.toBytes(), AtomicFiles.OWNER_ONLY);
        return bundle;
    }

    /** The bundle file of a claim. */
    public Path bundleFile(String claimId) {
        return fleet.claims().resolve(Ids.require("claim id", claimId) + ".bundle.json");
    }

    /** The claim record, if the claim exists. */
    public Optional<Claim> find(String claimId) {
        if (!Ids.valid(claimId)) {
            return Optional.empty();
        }
        return AtomicFiles.read(fleet.claims().resolve(claimId + ".json"), 64 * 1024).map(b -> {
            ObjectNode o = StrictJson.parseObject(b, "claim " + claimId);
            return new Claim(o.path("claim").asText(), o.path("tenant").asText(),
                    o.hasNonNull("device") ? o.path("device").asText() : null,
                    Base64.getUrlDecoder().decode(o.path("secret").asText()), Instant.parse(o.path("expiresAt").asText()),
                    o.hasNonNull("usedBy") ? o.path("usedBy").asText() : null,
                    o.hasNonNull("usedKey") ? o.path("usedKey").asText() : null);
        });
    }

    /** Records that {@code device} with key {@code keyFingerprint} used the claim. */
    public void markUsed(Claim claim, String device, String keyFingerprint) {
        save(new Claim(claim.claimId(), claim.tenant(), claim.device(), claim.secret(), claim.expiresAt(), device,
                keyFingerprint));
    }

    /** Every claim id, sorted. */
    public List<String> ids() {
        try (var s = java.nio.file.Files.list(fleet.claims())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.endsWith(".bundle.json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        } catch (java.io.IOException e) {
            throw new ProvisioningException(Kind.STORAGE, "cannot list " + fleet.claims() + ": " + e.getMessage(), e);
        }
    }

    private void save(Claim c) {
        ObjectNode o = StrictJson.object();
        o.put("schema", "porthole.claim-record/v1");
        o.put("claim", c.claimId());
        o.put("tenant", c.tenant());
        if (c.device() != null) {
            o.put("device", c.device());
        }
        o.put("secret", Base64.getUrlEncoder().withoutPadding().encodeToString(c.secret()));
        o.put("expiresAt", c.expiresAt().toString());
        if (c.usedBy() != null) {
            o.put("usedBy", c.usedBy());
            o.put("usedKey", c.usedKey());
        }
        AtomicFiles.directory(fleet.claims(), AtomicFiles.OWNER_ONLY_DIR);
        AtomicFiles.write(fleet.claims().resolve(c.claimId() + ".json"),
                StrictJson.pretty(o).getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
