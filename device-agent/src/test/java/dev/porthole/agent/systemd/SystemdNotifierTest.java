package dev.porthole.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdNotifierTest {

    private static final long PID = ProcessHandle.current().pid();

    @Test
    void sendsReadyStatusWatchdogAndStoppingToAPathSocket(@TempDir Path dir) {
        String socket = dir.resolve("notify").toString();
        try (DatagramReceiver systemd = new DatagramReceiver(socket)) {
            SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", socket), PID);
            assertThat(n.enabled()).isTrue();
            assertThat(n.ready("session up on rds1")).isTrue();
            assertThat(systemd.receive()).isEqualTo("READY=1\nSTATUS=session up on rds1");
            assertThat(n.status("reconnecting\nattempt 2")).isTrue();
            assertThat(systemd.receive()).isEqualTo("STATUS=reconnecting attempt 2");
            assertThat(n.watchdog()).isTrue();
            assertThat(systemd.receive()).isEqualTo("WATCHDOG=1");
            assertThat(n.stopping("shutting down")).isTrue();
            assertThat(systemd.receive()).isEqualTo("STOPPING=1\nSTATUS=shutting down");
        }
    }

    @Test
    void abstractSocketNamesStartWithAt() {
        String socket = "@porthole-test-" + UUID.randomUUID();
        try (DatagramReceiver systemd = new DatagramReceiver(socket)) {
            SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", socket), PID);
            assertThat(n.watchdog()).isTrue();
            assertThat(systemd.receive()).isEqualTo("WATCHDOG=1");
        }
    }

    @Test
    void withoutNotifySocketEverythingIsANoOp() {
        SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("WATCHDOG_USEC", "30000000"), PID);
        assertThat(n.enabled()).isFalse();
        assertThat(n.ready("x")).isFalse();
        assertThat(n.watchdog()).isFalse();
        assertThat(n.watchdogTimeout()).isEmpty();
        assertThat(SystemdNotifier.disabled().stopping("x")).isFalse();
    }

    @Test
    void aMissingSocketFailsQuietly(@TempDir Path dir) {
        SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", dir.resolve("absent").toString()), PID);
        assertThat(n.enabled()).isTrue();
        assertThat(n.watchdog()).isFalse();
        assertThat(n.watchdog()).isFalse();
    }

    @Test
    void watchdogIntervalIsHalfOfWatchdogUsecForThisProcess() {
        Map<String, String> env = Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "30000000");
        SystemdNotifier n = SystemdNotifier.fromEnvironment(env, PID);
        assertThat(n.watchdogTimeout()).contains(Duration.ofSeconds(30));
        assertThat(n.watchdogPingInterval()).contains(Duration.ofSeconds(15));

        SystemdNotifier mine = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify",
                "WATCHDOG_USEC", "5000000", "WATCHDOG_PID", Long.toString(PID)), PID);
        assertThat(mine.watchdogPingInterval()).contains(Duration.ofMillis(2500));

        SystemdNotifier other = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify",
                "WATCHDOG_USEC", "5000000", "WATCHDOG_PID", Long.toString(PID + 1)), PID);
        assertThat(other.watchdogTimeout()).isEmpty();

        SystemdNotifier bad = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify",
                "WATCHDOG_USEC", "soon"), PID);
        assertThat(bad.watchdogTimeout()).isEmpty();
    }

    @Test
    void relativeSocketNamesAreRejected() {
        assertThat(SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "notify"), PID).enabled()).isFalse();
        assertThatThrownBy(() -> UnixDatagram.address("/" + "x".repeat(200))).hasMessageContaining("longer than 107");
    }

    @Test
    void watchdogPingsOnlyWhileHealthy(@TempDir Path dir) throws Exception {
        String socket = dir.resolve("notify").toString();
        try (DatagramReceiver systemd = new DatagramReceiver(socket)) {
            SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", socket, "WATCHDOG_USEC", "20000"),
                    PID);
            // unhealthy: the check runs (three times) and nothing is sent
            java.util.concurrent.CountDownLatch checked = new java.util.concurrent.CountDownLatch(3);
            try (AutoCloseable pinger = n.startWatchdog(() -> {
                checked.countDown();
                return false;
            })) {
                checked.await();
            }
            assertThat(systemd.pending()).isFalse();
            // healthy: pings arrive
            try (AutoCloseable pinger = n.startWatchdog(() -> true)) {
                assertThat(systemd.receive()).isEqualTo("WATCHDOG=1");
                assertThat(systemd.receive()).isEqualTo("WATCHDOG=1");
            }
        }
        try (AutoCloseable off = SystemdNotifier.disabled().startWatchdog(() -> true)) {
            assertThat(off).isNotNull();
        }
    }
}
