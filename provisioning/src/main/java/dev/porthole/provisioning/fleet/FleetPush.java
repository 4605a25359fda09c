package dev.porthole.provisioning.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.config.ConfigDocument;
import dev.porthole.provisioning.config.ConfigSigner;
import dev.porthole.provisioning.config.ConfigVerifier;
import dev.porthole.provisioning.config.Jws;
import dev.porthole.provisioning.config.Verdict;
import dev.porthole.provisioning.mqtt.MqttLink;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.store.AtomicFiles;
import dev.porthole.provisioning.topic.DeviceAddress;
import dev.porthole.provisioning.topic.Ids;

/**
 * {@code porthole fleet push} and {@code rollback}: renders one full document per device from the {@link Layers},
 * signs it with the config-signing key under the device's next version, records it in {@code pushed/<device>/} (before
 * publishing, so a version is never reused), and publishes it retained (QoS 1) on the device's
 * {@code config/desired}, so a device that is offline now gets it when it connects.
 */
public final class FleetPush {

    /** How many published documents are kept per device. */
    public static final int KEEP_HISTORY = 20;

    /** Content type of a JWS compact serialization (RFC 7515 §9.2.1). */
    public static final String CONTENT_TYPE = "application/jose";

    private static final TaggedLogger LOG = Logger.tag("provisioning");

    /**
     * One published document.
     *
     * @param device   device id
     * @param version  its version
     * @param sha256   SHA-256 of the JWS bytes
     * @param layers   provenance
     * @param skipped  true when nothing changed and nothing was published
     */
    public record Pushed(String device, long version, String sha256, List<String> layers, boolean skipped) {}

    private final FleetDirectory fleet;
    private final InstantSource clock;
    private final DeviceRegistry devices;
    private ConfigVerifier verifier;

    public FleetPush(FleetDirectory fleet, InstantSource clock) {
        this.fleet = fleet;
        this.clock = clock;
        this.devices = new DeviceRegistry(fleet);
    }

    private synchronized ConfigVerifier verifier() {
        if (verifier == null) {
            verifier = ConfigVerifier.trusting(fleet.signingKeys().getPublic());
        }
        return verifier;
    }

    /**
     * Pushes to {@code deviceIds} (empty: every enrolled device).
     *
     * @param validity when not null, documents carry {@code notAfter = now + validity}
     * @param force    publish a new version even when the merged settings did not change
     */
    public List<Pushed> push(MqttLink link, List<String> deviceIds, Duration validity, boolean force, Duration timeout) {
        List<String> targets = deviceIds.isEmpty() ? devices.all().stream().map(DeviceRegistry.Device::device).toList()
                : deviceIds;
        ConfigSigner signer = fleet.signer();
        Layers layers = new Layers(fleet, true);
        List<Pushed> out = new ArrayList<>();
        List<CompletableFuture<Integer>> acks = new ArrayList<>();
        for (String device : targets) {
            DeviceRegistry.Device d = devices.find(device).orElseThrow(() -> new ProvisioningException(Kind.USAGE,
                    "device '" + device + "' is not enrolled in " + fleet.root()));
            Layers.Merged merged = layers.merge(d.device(), d.groups());
            Optional<ConfigDocument> last = latest(device).map(v -> document(device, v));
            if (!force && last.isPresent() && last.get().settings().equals(merged.settings())) {
                out.add(new Pushed(device, last.get().version(), null, merged.provenance(), true));
                continue;
            }
            long version = nextVersion(device);
            Instant now = clock.instant();
            ConfigDocument doc = ConfigDocument.of(new DeviceAddress(fleet.tenant(), device), version, now,
                    validity == null ? null : now.plus(validity), merged.provenance(), merged.settings());
            byte[] jws = record(device, version, signer.signBytes(doc));
            acks.add(link.publish(message(device, version, jws, signer.keyId())));
            out.add(new Pushed(device, version, ConfigVerifier.sha256(jws), merged.provenance(), false));
        }
        await(acks, timeout);
        LOG.info("config pushed tenant={} devices={} published={}", fleet.tenant(), out.size(),
                out.stream().filter(p -> !p.skipped()).count());
        return out;
    }

    /**
     * Republishes earlier settings under a new, higher version: those of {@code toVersion}, or when null those of the
     * document before the latest one.
     */
    public Pushed rollback(MqttLink link, String device, Long toVersion, Duration timeout) {
        List<Long> history = history(device);
        if (history.isEmpty()) {
            throw new ProvisioningException(Kind.USAGE, "nothing was pushed to '" + device + "' yet");
        }
        long target;
        if (toVersion != null) {
            if (!history.contains(toVersion)) {
                throw new ProvisioningException(Kind.USAGE, "version " + toVersion + " of '" + device
                        + "' is not in the push history (kept: " + history + ")");
            }
            target = toVersion;
        } else {
            if (history.size() < 2) {
                throw new ProvisioningException(Kind.USAGE, "'" + device + "' has only version " + history.getFirst()
                        + "; there is nothing to roll back to");
            }
            target = history.get(1);
        }
        ConfigDocument old = document(device, target);
        ConfigSigner signer = fleet.signer();
        long version = nextVersion(device);
        Instant now = clock.instant();
        List<String> provenance = new ArrayList<>();
        provenance.add("rollback-to@" + target);
        provenance.addAll(old.layers());
        ConfigDocument doc = ConfigDocument.of(new DeviceAddress(fleet.tenant(), device), version, now, null,
                provenance, old.settings());
        byte[] jws = record(device, version, signer.signBytes(doc));
        await(List.of(link.publish(message(device, version, jws, signer.keyId()))), timeout);
        LOG.info("config rolled back tenant={} device={} settingsOf={} newVersion={}", fleet.tenant(), device, target,
                version);
        return new Pushed(device, version, ConfigVerifier.sha256(jws), provenance, false);
    }

    private MqttMessage message(String device, long version, byte[] jws, String kid) {
        return MqttMessage.to(new DeviceAddress(fleet.tenant(), device).topics().desired()).payload(jws).qos(1)
                .retained(true).contentType(CONTENT_TYPE).userProperty("schema", ConfigDocument.SCHEMA)
                .userProperty("version", Long.toString(version)).userProperty("kid", kid).build();
    }

    private static void await(List<CompletableFuture<Integer>> acks, Duration timeout) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ProvisioningException(Kind.TIMEOUT, "the broker did not acknowledge every publish within "
                    + timeout.toSeconds() + " s", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof ProvisioningException p ? p
                    : new ProvisioningException(Kind.CONNECTION, "publish failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(Kind.TIMEOUT, "interrupted", e);
        }
    }

    /** The next version for {@code device}: one above everything pushed. */
    public long nextVersion(String device) {
        return latest(device).orElse(0L) + 1;
    }

    /** The latest version pushed to {@code device}. */
    public Optional<Long> latest(String device) {
        List<Long> h = history(device);
        return h.isEmpty() ? Optional.empty() : Optional.of(h.getFirst());
    }

    /** Versions pushed to {@code device}, newest first. */
    public List<Long> history(String device) {
        Path dir = fleet.pushed().resolve(Ids.require("device id", device));
        List<Long> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.matches("\\d{1,16}\\.jws")) {
                    out.add(Long.parseLong(n.substring(0, n.length() - 4)));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ProvisioningException(Kind.STORAGE, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }

    /** The document pushed to {@code device} as {@code version}. */
    public ConfigDocument document(String device, long version) {
        Path file = fleet.pushed().resolve(device).resolve(version + ".jws");
        byte[] bytes = AtomicFiles.read(file, 1 << 20).orElseThrow(() -> new ProvisioningException(Kind.USAGE,
                file + " does not exist"));
        Jws jws = Jws.parse(bytes, 1 << 20);
        Verdict v = verifier().verifyStored(bytes, new DeviceAddress(fleet.tenant(), device));
        if (!(v instanceof Verdict.Accepted a)) {
            throw new ProvisioningException(Kind.STORAGE, file + " does not verify: " + ((Verdict.Rejected) v).message());
        }
        if (jws.payload().length == 0) {
            throw new ProvisioningException(Kind.STORAGE, file + " is empty");
        }
        return a.document();
    }

    private byte[] record(String device, long version, byte[] jws) {
        Path dir = AtomicFiles.directory(fleet.pushed().resolve(device), AtomicFiles.OWNER_ONLY_DIR);
        AtomicFiles.write(dir.resolve(version + ".jws"), jws, AtomicFiles.OWNER_ONLY);
        List<Long> h = history(device);
        for (int i = KEEP_HISTORY; i < h.size(); i++) {
            AtomicFiles.delete(dir.resolve(h.get(i) + ".jws"));
        }
        return jws;
    }

    /** The settings of the document pushed last, for display. */
    public Optional<ObjectNode> lastSettings(String device) {
        return latest(device).map(v -> document(device, v).settings());
    }
}
