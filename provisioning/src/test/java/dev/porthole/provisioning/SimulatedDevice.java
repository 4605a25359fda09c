package dev.porthole.provisioning;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import dev.porthole.provisioning.command.CommandService;
import dev.porthole.provisioning.command.DeviceControl;
import dev.porthole.provisioning.device.ConfigAgent;
import dev.porthole.provisioning.device.DeviceInfo;
import dev.porthole.provisioning.device.FakeApplier;
import dev.porthole.provisioning.device.FleetLink;
import dev.porthole.provisioning.enroll.ClaimBundle;
import dev.porthole.provisioning.enroll.DeviceIdentity;
import dev.porthole.provisioning.enroll.Enrollment;
import dev.porthole.provisioning.mqtt.MqttConnector;
import dev.porthole.provisioning.store.ConfigStore;
import dev.porthole.provisioning.telemetry.SessionTelemetry;
import dev.porthole.provisioning.telemetry.SystemMetrics;
import dev.porthole.provisioning.telemetry.TelemetryPublisher;

/**
 * A device as the device agent will wire it, with fakes for the agent's side: enrolled with a claim, its config
 * agent, fleet link, commands and telemetry on the real broker.
 */
public final class SimulatedDevice implements AutoCloseable {

    /** Records what commands did. */
    public static final class FakeControl implements DeviceControl {
        public final AtomicInteger reconnects = new AtomicInteger();
        public final AtomicInteger reboots = new AtomicInteger();
        public final List<String> levels = new CopyOnWriteArrayList<>();
        public volatile int screenWidth = 800;
        public volatile int screenHeight = 600;
        public volatile byte[] log = "line 1\nline 2\nline 3\n".getBytes(StandardCharsets.UTF_8);

        @Override
        public void reconnectSession() {
            reconnects.incrementAndGet();
        }

        @Override
        public void reboot() {
            reboots.incrementAndGet();
        }

        @Override
        public byte[] screenshotPng() {
            return png(screenWidth, screenHeight);
        }

        @Override
        public byte[] logTail(int maxBytes) {
            return log;
        }

        @Override
        public void setLogLevel(String level) {
            levels.add(level);
        }
    }

    /** A noisy test image (compresses badly, so it needs several chunks), with a marker pixel at (1,1). */
    public static byte[] png(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(w * 31L + h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        img.setRGB(1, 1, 0x123456);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public final Path state;
    public final DeviceIdentity identity;
    public final FakeApplier applier = new FakeApplier();
    public final FakeControl control = new FakeControl();
    public ConfigAgent config;
    public FleetLink link;
    public CommandService commands;
    public TelemetryPublisher telemetry;
    private final MqttConnector connector;

    private SimulatedDevice(Path state, DeviceIdentity identity, MqttConnector connector) {
        this.state = state;
        this.identity = identity;
        this.connector = connector;
    }

    /**
     * Enrolls with {@code claim} as {@code device} (null: the claim's device) into {@code state}, over
     * {@code connector} (which the device then keeps using).
     */
    public static SimulatedDevice enroll(MqttConnector connector, ClaimBundle claim, String device, Path state) {
        DeviceIdentity id = new Enrollment(connector, InstantSource.system(), Duration.ofSeconds(2))
                .enroll(claim, device, state, FleetFixtures.TUNE, Duration.ofSeconds(20));
        return new SimulatedDevice(state, id, connector);
    }

    /** Boots (offline) and connects; does not wait. */
    public SimulatedDevice start() {
        config = new ConfigAgent(identity.address(), identity.configVerifier(), ConfigStore.open(state), applier,
                InstantSource.system(), r -> { });
        config.boot();
        link = new FleetLink(identity.address(), connector,
                FleetFixtures.TUNE.apply(dev.porthole.provisioning.mqtt.LinkSettings.builder(identity.broker(),
                        identity.address().device(), identity.sslContext())).cleanStart(true)
                        .sessionExpiry(Duration.ZERO), state, config,
                new DeviceInfo("0.1.0-test", "image-test-1", Map.of("model", "sim", "serial", "SIM-" +
                        identity.address().device())), InstantSource.system());
        commands = new CommandService(identity.address(), link.link(), control, InstantSource.system(),
                link::sessionCounter, 64 * 1024, 4096, 16 << 20);
        commands.register();
        link.start();
        return this;
    }

    /** Starts telemetry every {@code interval} with fake /proc and /sys trees under {@code root}. */
    public TelemetryPublisher telemetry(Path procRoot, Path sysRoot, Duration interval) {
        telemetry = new TelemetryPublisher(identity.address(), link.link(),
                () -> new SessionTelemetry.Sample("active", 12.5, 30.0), new SystemMetrics(procRoot, sysRoot), interval,
                InstantSource.system());
        return telemetry;
    }

    public boolean awaitConnected() {
        return link.link().awaitConnected(BrokerFixtures.WAIT);
    }

    public String id() {
        return identity.address().device();
    }

    @Override
    public void close() {
        if (telemetry != null) {
            telemetry.close();
        }
        if (link != null) {
            link.close();
        }
    }

    public void crash() {
        if (telemetry != null) {
            telemetry.close();
        }
        link.closeAbruptly();
    }
}
