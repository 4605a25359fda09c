package dev.porthole.provisioning.device;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.LinkListener;
import dev.porthole.provisioning.mqtt.LinkSettings;
import dev.porthole.provisioning.mqtt.MqttConnector;
import dev.porthole.provisioning.mqtt.MqttLink;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.store.AtomicFiles;
import dev.porthole.provisioning.topic.DeviceAddress;
import dev.porthole.provisioning.topic.DeviceTopics;

/**
 * The device's link to its fleet: one {@link MqttLink} as the device (client id = device id), on which it
 * <ul>
 *   <li>announces itself after every connection: retained {@code birth} (inventory, applied config version, the
 *       session counter), retained {@code state}, and its last {@code config/reported};</li>
 *   <li>leaves a last will: retained {@code state} = {@code offline} with the same session counter, so the fleet
 *       can tell a stale will from the current connection (the counter goes up before every connection attempt and
 *       is kept in {@code <state>/link/session});</li>
 *   <li>hands {@code config/desired} to the {@link ConfigAgent} on a worker of its own (latest document wins, so a
 *       slow apply holds neither commands nor memory), and publishes every report retained on
 *       {@code config/reported}.</li>
 * </ul>
 * Commands ({@link dev.porthole.provisioning.command.CommandService}) and telemetry
 * ({@link dev.porthole.provisioning.telemetry.TelemetryPublisher}) attach to {@link #link()}.
 *
 * <p>Call {@link ConfigAgent#boot()} first (it needs no network), then {@link #start()}.
 */
public final class FleetLink implements AutoCloseable {

    private static final TaggedLogger LOG = Logger.tag("provisioning");
    /** Content type of the JSON documents the device publishes. */
    public static final String JSON = "application/json";

    private final DeviceAddress self;
    private final DeviceTopics topics;
    private final ConfigAgent config;
    private final DeviceInfo info;
    private final InstantSource clock;
    private final Path counterFile;
    private final AtomicLong session = new AtomicLong();
    private final AtomicReference<DeviceState> state = new AtomicReference<>(DeviceState.ONLINE);
    private final AtomicReference<byte[]> desired = new AtomicReference<>();
    private final MqttLink link;
    private final Thread worker;
    private volatile boolean closed;

    /**
     * @param link     settings of the MQTT link (server, client certificate, backoff); the client id should be the
     *                 device id; the last will is set here
     * @param stateDir the device's state directory (the session counter lives in {@code link/session})
     */
    public FleetLink(DeviceAddress self, MqttConnector connector, LinkSettings.Builder link, Path stateDir,
                     ConfigAgent config, DeviceInfo info, InstantSource clock) {
        this.self = Objects.requireNonNull(self, "self");
        this.topics = self.topics();
        this.config = Objects.requireNonNull(config, "config");
        this.info = Objects.requireNonNull(info, "info");
        this.clock = Objects.requireNonNull(clock, "clock");
        Path dir = AtomicFiles.directory(stateDir.resolve("link"), AtomicFiles.OWNER_ONLY_DIR);
        this.counterFile = dir.resolve("session");
        this.session.set(AtomicFiles.read(counterFile, 32).map(b -> parseCounter(new String(b, StandardCharsets.US_ASCII)))
                .orElse(0L));
        this.link = new MqttLink(connector, link.will(this::nextWill).build());
        this.link.addListener(new LinkListener() {
            @Override
            public void connected(int connectCount, boolean sessionPresent) {
                announce();
            }
        });
        this.link.subscribe(topics.desired(), 1, m -> {
            desired.set(m.payload());
            LockSupport.unpark(workerThread());
        });
        this.worker = Thread.ofVirtual().name("config-" + self.device()).unstarted(this::work);
        config.addReporter(this::publishReport);
    }

    private Thread workerThread() {
        return worker;
    }

    private static long parseCounter(String s) {
        try {
            return Math.max(0, Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Before each connection attempt: count it, persist the count, and make the will carry it. */
    private MqttMessage nextWill() {
        long n = session.incrementAndGet();
        try {
            AtomicFiles.write(counterFile, Long.toString(n).getBytes(StandardCharsets.US_ASCII), AtomicFiles.OWNER_ONLY);
        } catch (ProvisioningException e) {
            LOG.warn("session counter not persisted device={} session={} error={}", self, n, e.getMessage());
        }
        return stateMessage(DeviceState.OFFLINE, n);
    }

    /** Connects in the background and keeps connecting. */
    public void start() {
        worker.start();
        link.start();
    }

    /** The MQTT link (for commands and telemetry). */
    public MqttLink link() {
        return link;
    }

    public DeviceAddress address() {
        return self;
    }

    /** The session counter of the current (or last) connection attempt. */
    public long sessionCounter() {
        return session.get();
    }

    /** Sets and publishes the device state. */
    public void setState(DeviceState value) {
        Objects.requireNonNull(value, "value");
        state.set(value);
        if (link.isConnected()) {
            publishQuietly(stateMessage(value, session.get()));
        }
    }

    /** Publishes an audit event (QoS 1, not retained) when connected; returns whether it was handed over. */
    public boolean publishEvent(String type, ObjectNode fields) {
        ObjectNode e = StrictJson.object();
        e.put("schema", "porthole.event/v1");
        e.put("type", type);
        e.put("at", clock.instant().toString());
        e.set("fields", fields.deepCopy());
        if (!link.isConnected()) {
            return false;
        }
        publishQuietly(MqttMessage.to(topics.events()).payload(StrictJson.bytes(e)).contentType(JSON).build());
        return true;
    }

    private void announce() {
        long n = session.get();
        publishQuietly(MqttMessage.to(topics.birth()).payload(StrictJson.bytes(birth(n))).retained(true)
                .contentType(JSON).build());
        publishQuietly(stateMessage(state.get(), n));
        config.lastReport().ifPresent(this::publishReport);
    }

    private ObjectNode birth(long n) {
        ObjectNode b = StrictJson.object();
        b.put("schema", "porthole.birth/v1");
        b.put("tenant", self.tenant());
        b.put("device", self.device());
        b.put("session", n);
        b.put("agentVersion", info.agentVersion());
        b.put("imageVersion", info.imageVersion());
        b.put("configVersion", config.store().currentVersion());
        ObjectNode hw = b.putObject("hardware");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(info.hardware()).entrySet()) {
            hw.put(e.getKey(), e.getValue());
        }
        b.put("at", clock.instant().toString());
        return b;
    }

    private MqttMessage stateMessage(DeviceState s, long n) {
        ObjectNode o = StrictJson.object();
        o.put("schema", "porthole.state/v1");
        o.put("state", s.wire());
        o.put("session", n);
        o.put("at", clock.instant().toString());
        return MqttMessage.to(topics.state()).payload(StrictJson.bytes(o)).retained(true).contentType(JSON).build();
    }

    /** Publishes a config report retained on {@code config/reported} (republished at every connection). */
    void publishReport(ConfigReport report) {
        if (link.isConnected()) {
            publishQuietly(MqttMessage.to(topics.reported()).payload(StrictJson.bytes(report.toJson())).retained(true)
                    .contentType(JSON).build());
        }
    }

    private void publishQuietly(MqttMessage m) {
        link.publish(m).whenComplete((code, e) -> {
            if (e != null) {
                LOG.warn("publish failed device={} topic={} error={}", self, m.topic(), e.getMessage());
            }
        });
    }

    private void work() {
        while (!closed) {
            byte[] next = desired.getAndSet(null);
            if (next == null) {
                LockSupport.park(this);
                continue;
            }
            try {
                config.receive(next);
            } catch (RuntimeException e) {
                LOG.error(e, "config handling failed device={}", self);
            }
        }
    }

    /** Publishes {@code offline} and disconnects cleanly (the will is not sent). */
    @Override
    public void close() {
        if (link.isConnected()) {
            try {
                link.publishAndWait(stateMessage(DeviceState.OFFLINE, session.get()));
            } catch (ProvisioningException e) {
                LOG.debug("offline state not published device={} error={}", self, e.getMessage());
            }
        }
        stop(true);
    }

    /** Drops the connection as a crash would (the broker publishes the will). */
    public void closeAbruptly() {
        stop(false);
    }

    private void stop(boolean clean) {
        closed = true;
        LockSupport.unpark(worker);
        if (clean) {
            link.close();
        } else {
            link.closeAbruptly();
        }
        try {
            worker.join(java.time.Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FleetLink[" + self + ", connected=" + link.isConnected() + ", session=" + session.get() + "]";
    }
}
