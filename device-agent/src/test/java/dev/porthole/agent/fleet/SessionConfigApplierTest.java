package dev.porthole.agent.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.porthole.agent.boot.BootMachine;
import dev.porthole.agent.boot.BootSettings;
import dev.porthole.agent.boot.BootState;
import dev.porthole.agent.boot.BootView;
import dev.porthole.agent.boot.ConfigSource;
import dev.porthole.agent.boot.ExecutorScheduler;
import dev.porthole.agent.boot.NetworkProbe;
import dev.porthole.agent.boot.RemoteSessions;
import dev.porthole.agent.boot.Secret;
import dev.porthole.agent.boot.SessionHooks;
import dev.porthole.display.status.Status;
import dev.porthole.provisioning.config.ConfigDocument;
import dev.porthole.provisioning.device.ApplyResult;
import dev.porthole.provisioning.device.ConfigApplier;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.topic.DeviceAddress;
import org.junit.jupiter.api.Test;

/** Fleet configuration through the boot machine: live changes stay live, session changes wait or restart. */
class SessionConfigApplierTest {

    record Opened(String host, RemoteSessions.Listener listener, boolean[] closed) {}

    static BootSettings settings(ObjectNode s) {
        return new BootSettings(s.path("host").asText(), 3389, BootSettings.Mode.KIOSK, "kiosk", "", Secret.copyOf("pw".toCharArray()),
                "NLA", null, 1024, 768, Duration.ofSeconds(s.path("idle").asInt(0)), null, null);
    }

    static ConfigDocument doc(long version, String host, int idle, boolean disruptive) {
        ObjectNode s = StrictJson.object();
        s.put("host", host);
        s.put("idle", idle);
        if (disruptive) {
            s.put("disruptive", true);
        }
        return ConfigDocument.of(new DeviceAddress("acme", "dev-1"), version, Instant.parse("2026-11-22T00:00:00Z"), null,
                List.of(), s);
    }

    static void await(java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void liveDeferredDisruptiveAndBadDocuments() throws Exception {
        List<Opened> opened = new CopyOnWriteArrayList<>();
        RemoteSessions sessions = (request, listener) -> {
            boolean[] closed = new boolean[1];
            opened.add(new Opened(request.settings().host(), listener, closed));
            return () -> closed[0] = true;
        };
        BootView view = new BootView() {
            @Override
            public void showStatus(Status status) {}

            @Override
            public void showSession() {}

            @Override
            public void blank(boolean blanked) {}
        };
        try (ExecutorScheduler scheduler = new ExecutorScheduler("test-boot")) {
            BootMachine m = new BootMachine(scheduler, new java.util.SplittableRandom(1), Runnable::run,
                    () -> new ConfigSource.Loaded(settings(doc(1, "a.example.test", 0, false).settings()),
                            ConfigSource.Origin.CONFIG_FILE, ""),
                    host -> NetworkProbe.Reachability.UP, sessions, view, (state, detail) -> { }, SessionHooks.NONE);
            m.start();
            await(() -> opened.size() == 1);
            opened.getFirst().listener().active(1024, 768);
            await(() -> m.state() == BootState.IN_SESSION);
            SessionConfigApplier applier = new SessionConfigApplier(m, SessionConfigApplierTest::settings);

            assertThat(applier.apply(doc(2, "a.example.test", 600, false), ConfigApplier.Reason.NEW))
                    .isInstanceOf(ApplyResult.Applied.class);
            assertThat(m.settings().idleTimeout()).isEqualTo(Duration.ofMinutes(10));
            assertThat(opened.getFirst().closed()[0]).isFalse();

            assertThat(applier.apply(doc(3, "b.example.test", 600, false), ConfigApplier.Reason.NEW))
                    .isInstanceOf(ApplyResult.Pending.class);
            assertThat(opened).hasSize(1);
            assertThat(m.state()).isEqualTo(BootState.IN_SESSION);

            assertThat(applier.apply(doc(4, "c.example.test", 600, true), ConfigApplier.Reason.NEW))
                    .isInstanceOf(ApplyResult.Applied.class);
            await(() -> opened.size() == 2);
            assertThat(opened.getFirst().closed()[0]).isTrue();
            assertThat(opened.get(1).host()).isEqualTo("c.example.test");

            ConfigApplier bad = new SessionConfigApplier(m, s -> {
                throw new IllegalArgumentException("session host is empty");
            });
            assertThat(bad.apply(doc(5, "", 0, false), ConfigApplier.Reason.NEW))
                    .isEqualTo(ApplyResult.failed("settings of version 5: session host is empty"));
            m.shutdown().get();
        }
    }
}
