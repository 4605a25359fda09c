package dev.porthole.provisioning.telemetry;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.MqttLink;
import dev.porthole.provisioning.mqtt.MqttMessage;
import dev.porthole.provisioning.topic.DeviceAddress;
import dev.porthole.provisioning.topic.DeviceTopics;

/**
 * Publishes telemetry at a fixed interval while connected (QoS 0, not retained, expiring after two intervals):
 * <pre>
 * telemetry/session  {"schema":"porthole.telemetry/v1","at":…,"state":"active","rttMs":12.5,"fps":30.0}
 * telemetry/system   {"schema":"porthole.telemetry/v1","at":…,"cpuPercent":7.1,"memUsedBytes":…,"memTotalBytes":…,
 *                     "temperatureC":48.0}
 * </pre>
 * Values that are unknown are left out. A failing provider is logged and skipped; the loop goes on.
 */
public final class TelemetryPublisher implements AutoCloseable {

    private static final TaggedLogger LOG = Logger.tag("provisioning");

    private final DeviceTopics topics;
    private final MqttLink link;
    private final SessionTelemetry session;
    private final SystemMetrics system;
    private final Duration interval;
    private final InstantSource clock;
    private volatile boolean closed;
    private Thread thread;

    public TelemetryPublisher(DeviceAddress self, MqttLink link, SessionTelemetry session, SystemMetrics system,
                              Duration interval, InstantSource clock) {
        this.topics = self.topics();
        this.link = Objects.requireNonNull(link, "link");
        this.session = Objects.requireNonNull(session, "session");
        this.system = Objects.requireNonNull(system, "system");
        if (interval.toMillis() < 100) {
            throw new dev.porthole.provisioning.ProvisioningException(
                    dev.porthole.provisioning.ProvisioningException.Kind.USAGE, "telemetry interval must be at least"
                    + " 100 ms, not " + interval);
        }
        this.interval = interval;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void start() {
        thread = Thread.ofVirtual().name("telemetry-" + topics.address().device()).start(this::loop);
    }

    private void loop() {
        while (!closed) {
            try {
                publishOnce();
            } catch (RuntimeException e) {
                LOG.warn("telemetry sample failed device={} error={}", topics.address(), e.toString());
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Samples and publishes once (when connected); returns whether it published. */
    public boolean publishOnce() {
        if (!link.isConnected()) {
            return false;
        }
        String at = clock.instant().toString();
        SessionTelemetry.Sample s = session.sample();
        ObjectNode so = base(at);
        so.put("state", s.state());
        if (s.rttMillis() != null) {
            so.put("rttMs", s.rttMillis());
        }
        if (s.frameRate() != null) {
            so.put("fps", s.frameRate());
        }
        publish("session", so);
        SystemMetrics.Sample m = system.read();
        ObjectNode mo = base(at);
        m.cpuPercent().ifPresent(v -> mo.put("cpuPercent", Math.round(v * 10) / 10.0));
        m.memoryUsedBytes().ifPresent(v -> mo.put("memUsedBytes", v));
        m.memoryTotalBytes().ifPresent(v -> mo.put("memTotalBytes", v));
        m.temperatureCelsius().ifPresent(v -> mo.put("temperatureC", v));
        publish("system", mo);
        return true;
    }

    private static ObjectNode base(String at) {
        ObjectNode o = StrictJson.object();
        o.put("schema", "porthole.telemetry/v1");
        o.put("at", at);
        return o;
    }

    private void publish(String kind, ObjectNode o) {
        link.publish(MqttMessage.to(topics.telemetry(kind)).payload(StrictJson.bytes(o)).qos(0)
                .contentType("application/json").messageExpiry(interval.multipliedBy(2).plusSeconds(1)).build());
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
