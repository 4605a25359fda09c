package dev.porthole.agent.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.porthole.agent.boot.AgentConfigSource;
import dev.porthole.agent.boot.BootMachine;
import dev.porthole.agent.boot.BootSettings;
import dev.porthole.agent.boot.BootState;
import dev.porthole.agent.config.AgentConfig;
import dev.porthole.agent.config.ConfigParser;
import dev.porthole.agent.credentials.PasswordStore;
import dev.porthole.provisioning.command.CommandService;
import dev.porthole.provisioning.command.DeviceControl;
import dev.porthole.provisioning.device.ConfigAgent;
import dev.porthole.provisioning.device.DeviceInfo;
import dev.porthole.provisioning.device.FleetLink;
import dev.porthole.provisioning.enroll.DeviceIdentity;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.LinkSettings;
import dev.porthole.provisioning.mqtt.paho.PahoConnector;
import dev.porthole.provisioning.store.ConfigStore;
import dev.porthole.provisioning.telemetry.SessionTelemetry;
import dev.porthole.provisioning.telemetry.SystemMetrics;
import dev.porthole.provisioning.telemetry.TelemetryPublisher;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * The device side of the fleet link, wired to the boot machine: signed configuration documents
 * ({@link ConfigAgent}) go through a {@link SessionConfigApplier} (their {@code settings} are the agent
 * configuration, plus an optional {@code "disruptive": true}); commands run through an
 * {@link AgentDeviceControl}; telemetry reports the session state, frame rate and RTT
 * ({@link SessionSampler}) with the system metrics at the configured interval. Everything starts on its
 * own threads: the session never waits for the broker. A device that is not enrolled yet enrolls first
 * with its claim file ({@link FirstBootEnrollment}).
 */
public final class FleetAgent implements AutoCloseable {

    private static final TaggedLogger LOG = Logger.tag("agent");
    /** Telemetry interval. */
    public static final Duration TELEMETRY = Duration.ofSeconds(60);

    private final ConfigAgent config;
    private final FleetLink link;
    private final TelemetryPublisher telemetry;

    private FleetAgent(ConfigAgent config, FleetLink link, TelemetryPublisher telemetry) {
        this.config = config;
        this.link = link;
        this.telemetry = telemetry;
    }

    /**
     * Starts the link when the device is enrolled in {@code provisioningState}; empty otherwise.
     *
     * @param passwords where the kiosk password of fleet-supplied kiosk settings is kept
     */
    public static Optional<FleetAgent> start(Path provisioningState, BootMachine machine, DeviceControl control,
                                             PasswordStore passwords, String agentVersion) {
        Optional<DeviceIdentity> identity = DeviceIdentity.load(provisioningState);
        if (identity.isEmpty()) {
            LOG.warn("provisioning enabled but the device is not enrolled (no identity under {}); running without the fleet link",
                    provisioningState);
            return Optional.empty();
        }
        return Optional.of(start(identity.get(), provisioningState, machine, control, passwords, agentVersion,
                new SessionSampler(machine::state, () -> null, () -> -1, System::nanoTime), TELEMETRY, Map.of()));
    }

    /** Starts the link of the enrolled device {@code id}. */
    static FleetAgent start(DeviceIdentity id, Path provisioningState, BootMachine machine, DeviceControl control,
                            PasswordStore passwords, String agentVersion, SessionTelemetry session, Duration telemetryEvery,
                            Map<String, String> hardware) {
        ConfigAgent config = new ConfigAgent(id.address(), id.configVerifier(), ConfigStore.open(provisioningState),
                new SessionConfigApplier(machine, s -> settingsOf(s, passwords)), InstantSource.system(), r -> { });
        config.boot();
        FleetLink link = new FleetLink(id.address(), new PahoConnector(),
                LinkSettings.builder(id.broker(), id.address().device(), id.sslContext()), provisioningState, config,
                new DeviceInfo(agentVersion, System.getProperty("porthole.image", "unknown"), hardware), InstantSource.system());
        CommandService.standard(id.address(), link.link(), control, InstantSource.system(), link::sessionCounter).register();
        TelemetryPublisher telemetry = new TelemetryPublisher(id.address(), link.link(), session,
                new SystemMetrics(Path.of("/proc"), Path.of("/sys")), telemetryEvery, InstantSource.system());
        link.start();
        telemetry.start();
        LOG.info("fleet link started device={}", id.address());
        return new FleetAgent(config, link, telemetry);
    }

    /**
     * Attaches the fleet link to a running agent when its configuration enables provisioning, on a thread of its
     * own, so the session never waits for it: a device without an identity first enrolls with its claim file
     * ({@link FirstBootEnrollment}), then the link starts with the device certificate (mutual TLS).
     */
    public static void attach(dev.porthole.agent.boot.AgentRuntime agent, String agentVersion) {
        attach(agent, agentVersion, FirstBootEnrollment.Tuning.DEFAULT);
    }

    static void attach(dev.porthole.agent.boot.AgentRuntime agent, String agentVersion, FirstBootEnrollment.Tuning tuning) {
        AgentConfig config = agent.config();
        if (config == null || !config.provisioning().enabled()) {
            return;
        }
        AgentConfig.Provisioning p = config.provisioning();
        Path dir = p.stateDirUnder(agent.state().root());
        AgentDeviceControl control = new AgentDeviceControl(agent.machine(), agent::screenshotPng,
                agent.state().logs().resolve("porthole.log"), agent.state().root().resolve("log-level"), () -> {
                    try {
                        new ProcessBuilder("systemctl", "reboot").inheritIO().start();
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("reboot failed: " + e.getMessage(), e);
                    }
                });
        java.util.function.Consumer<FleetStatus> status = s -> {
            try {
                s.write(dir, java.time.Instant.now());
            } catch (RuntimeException e) {
                LOG.warn("fleet status not written: {}", e.getMessage());
            }
            agent.log("fleet %s: %s", s.phase(), s.detail());
        };
        Thread starter = Thread.ofVirtual().name("fleet-start").unstarted(() -> {
            try {
                DeviceIdentity id = new FirstBootEnrollment(p, dir, p.claimFileUnder(agent.state().root()),
                        new PahoConnector(), InstantSource.system(), new java.security.SecureRandom(), tuning, status).run();
                FleetAgent fleet = start(id, dir, agent.machine(), control, PasswordStore.of(agent.state()), agentVersion,
                        SessionSampler.of(agent.machine(), agent.display()::framesShown),
                        Duration.ofSeconds(p.telemetryIntervalSeconds()), hardware(agent));
                agent.onSessionEnded(fleet::sessionEnded);
                agent.onPluginEvent(fleet::pluginEvent);
                agent.closeWith(fleet);
                status.accept(FleetStatus.started("fleet link started as " + id.address() + " (" + id.broker() + ")"));
                agent.log("fleet link started");
            } catch (InterruptedException e) {
                LOG.info("fleet start stopped");
            } catch (RuntimeException e) {
                LOG.error(e, "fleet link not started");
                status.accept(FleetStatus.failed("fleet link not started: " + e.getMessage()));
            }
        });
        agent.closeWith(new AutoCloseable() {
            @Override
            public void close() {
                starter.interrupt();
            }

            @Override
            public String toString() {
                return "fleet-start";
            }
        });
        starter.start();
    }

    /**
     * The fleet link's last status ({@code phase — detail}) from {@code <provisioningState>/fleet-status.json}, for
     * {@code porthole status}; empty when the agent wrote none.
     */
    public static Optional<String> statusLine(Path provisioningState) {
        return FleetStatus.read(provisioningState).map(s -> s.phase() + (s.detail().isEmpty() ? "" : " — " + s.detail()));
    }

    /** Hardware facts for the birth message. */
    static Map<String, String> hardware(dev.porthole.agent.boot.AgentRuntime agent) {
        Map<String, String> hw = new java.util.TreeMap<>();
        hw.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        hw.put("arch", System.getProperty("os.arch", "unknown"));
        try {
            hw.put("display", agent.display().backend() + " " + agent.display().mode().width() + "x"
                    + agent.display().mode().height());
        } catch (RuntimeException e) {
            // no display facts
        }
        return hw;
    }

    /** The agent configuration in a fleet document's settings, as boot settings. */
    /**
     * What the fleet hears of a plugin: crashes, rule violations, denied system calls and a plugin disabled
     * after a crash loop go out as {@code plugin.*} events (MQTT 5 {@code events} topic); lifecycle and log
     * lines stay on the device.
     */
    static Optional<Map.Entry<String, ObjectNode>> pluginEventFields(dev.porthole.plugin.sandbox.host.PluginEvent e) {
        ObjectNode f = StrictJson.object();
        f.put("plugin", e.pluginId());
        String type;
        switch (e) {
            case dev.porthole.plugin.sandbox.host.PluginEvent.Disabled d -> {
                type = "plugin.disabled";
                f.put("reason", d.reason());
            }
            case dev.porthole.plugin.sandbox.host.PluginEvent.Violation v -> {
                type = "plugin.violation";
                f.put("reason", v.reason());
            }
            case dev.porthole.plugin.sandbox.host.PluginEvent.SyscallDenied s -> {
                type = "plugin.syscall-denied";
                f.put("syscall", s.syscall());
                f.put("number", s.syscallNumber());
            }
            case dev.porthole.plugin.sandbox.host.PluginEvent.Exited x when x.exitCode() != 0 -> {
                type = "plugin.crashed";
                f.put("incarnation", x.incarnation());
                f.put("exitCode", x.exitCode());
                f.put("reason", x.reason());
                f.put("restartInMillis", x.restartInMillis());
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(Map.entry(type, f));
    }

    /** Reports {@code e} to the fleet when it is one the fleet hears of (see {@link #pluginEventFields}). */
    void pluginEvent(dev.porthole.plugin.sandbox.host.PluginEvent e) {
        pluginEventFields(e).ifPresent(t -> {
            if (!link.publishEvent(t.getKey(), t.getValue())) {
                LOG.info("fleet event not sent (link down) type={} plugin={}", t.getKey(), e.pluginId());
            }
        });
    }

    public static BootSettings settingsOf(ObjectNode settings, PasswordStore passwords) {
        ObjectNode copy = settings.deepCopy();
        copy.remove("disruptive");
        AgentConfig c = ConfigParser.parse(StrictJson.bytes(copy), "fleet configuration");
        return AgentConfigSource.settings(c, passwords);
    }

    static String telemetryState(BootState s) {
        return switch (s) {
            case IN_SESSION -> "active";
            case CONNECTING -> "connecting";
            case RECONNECTING -> "reconnecting";
            default -> "none";
        };
    }

    /** The session ended: a configuration that waited for it is applied now. */
    public void sessionEnded() {
        Thread.ofVirtual().name("config-retry").start(() -> {
            try {
                config.retryPending();
            } catch (RuntimeException e) {
                LOG.warn("pending configuration not applied: {}", e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        telemetry.close();
        link.close();
    }

    @Override
    public String toString() {
        return "FleetAgent[" + link + "]";
    }
}
