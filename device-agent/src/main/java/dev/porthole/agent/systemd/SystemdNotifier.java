package dev.porthole.agent.systemd;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.sun.jna.LastErrorException;

import org.tinylog.TaggedLogger;

/**
 * The agent's side of systemd's service notification protocol ({@code sd_notify(3)}): {@code READY=1},
 * {@code STATUS=...}, {@code WATCHDOG=1}, {@code STOPPING=1} as AF_UNIX datagrams to {@code $NOTIFY_SOCKET} (a path, or
 * an abstract name starting with {@code @}). Without {@code $NOTIFY_SOCKET} (not started by systemd with
 * {@code Type=notify}) every call does nothing. The watchdog is enabled when {@code $WATCHDOG_USEC} is set and
 * {@code $WATCHDOG_PID}, when present, is this process; the agent pings at half the timeout
 * ({@link #watchdogPingInterval()}).
 *
 * <p>Notification failures are logged once at WARN and otherwise ignored: a broken notify socket must not stop the
 * device from showing its session (systemd will act on a missing ping by itself).
 */
public final class SystemdNotifier {

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("agent");

    private final String socket;
    private final Duration watchdogTimeout;
    private volatile boolean warned;

    private SystemdNotifier(String socket, Duration watchdogTimeout) {
        this.socket = socket;
        this.watchdogTimeout = watchdogTimeout;
    }

    /** From the process environment. */
    public static SystemdNotifier fromEnvironment() {
        return fromEnvironment(System.getenv(), ProcessHandle.current().pid());
    }

    /** From {@code env} for process {@code pid}: {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC}, {@code WATCHDOG_PID}. */
    public static SystemdNotifier fromEnvironment(Map<String, String> env, long pid) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket != null && (socket.isEmpty() || !(socket.startsWith("/") || socket.startsWith("@")))) {
            LOG.warn("systemd NOTIFY_SOCKET=\"{}\" is neither a path nor an abstract name; notifications disabled", socket);
            socket = null;
        }
        Duration watchdog = null;
        String usec = env.get("WATCHDOG_USEC");
        String wpid = env.get("WATCHDOG_PID");
        if (usec != null && (wpid == null || wpid.equals(Long.toString(pid)))) {
            try {
                long us = Long.parseLong(usec.strip());
                if (us > 0) {
                    watchdog = Duration.ofNanos(Math.multiplyExact(us, 1000L));
                }
            } catch (NumberFormatException | ArithmeticException e) {
                LOG.warn("systemd WATCHDOG_USEC=\"{}\" is not a positive number of microseconds; watchdog off", usec);
            }
        }
        return new SystemdNotifier(socket, watchdog);
    }

    /** A notifier that never sends (tests, CLI commands). */
    public static SystemdNotifier disabled() {
        return new SystemdNotifier(null, null);
    }

    /** Whether notifications are sent ({@code $NOTIFY_SOCKET} set). */
    public boolean enabled() {
        return socket != null;
    }

    /** The watchdog timeout systemd applies ({@code WatchdogSec=}), when the watchdog is on. */
    public Optional<Duration> watchdogTimeout() {
        return socket == null ? Optional.empty() : Optional.ofNullable(watchdogTimeout);
    }

    /** How often to send {@link #watchdog()}: half the timeout, as {@code sd_watchdog_enabled(3)} advises. */
    public Optional<Duration> watchdogPingInterval() {
        return watchdogTimeout().map(d -> d.dividedBy(2));
    }

    /**
     * Pings the watchdog every {@link #watchdogPingInterval()} from a daemon thread, but only while {@code healthy}
     * answers true: a hung or broken agent stops pinging and systemd restarts it. Does nothing (and returns a no-op
     * handle) when the watchdog is off.
     *
     * @return closes the pinger
     */
    public AutoCloseable startWatchdog(java.util.function.BooleanSupplier healthy) {
        Optional<Duration> interval = watchdogPingInterval();
        if (interval.isEmpty()) {
            return () -> { };
        }
        java.util.concurrent.ScheduledExecutorService ex = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                r -> {
                    Thread t = new Thread(r, "porthole-watchdog");
                    t.setDaemon(true);
                    return t;
                });
        long nanos = Math.max(1, interval.get().toNanos());
        ex.scheduleAtFixedRate(() -> {
            boolean ok;
            try {
                ok = healthy.getAsBoolean();
            } catch (RuntimeException e) {
                LOG.warn("watchdog health check failed: {}", e.toString());
                ok = false;
            }
            if (ok) {
                watchdog();
            }
        }, 0, nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        return ex::shutdownNow;
    }

    /** {@code READY=1} plus a status line: start-up finished. */
    public boolean ready(String status) {
        return send("READY=1\nSTATUS=" + oneLine(status));
    }

    /** {@code STATUS=...}: a one-line description shown by {@code systemctl status}. */
    public boolean status(String status) {
        return send("STATUS=" + oneLine(status));
    }

    /** {@code WATCHDOG=1}: the agent is alive. */
    public boolean watchdog() {
        return send("WATCHDOG=1");
    }

    /** {@code STOPPING=1}: shutdown begins. */
    public boolean stopping(String status) {
        return send("STOPPING=1\nSTATUS=" + oneLine(status));
    }

    /**
     * Sends {@code state} (newline-separated {@code KEY=value} assignments).
     *
     * @return whether a datagram was sent (false when disabled or on failure)
     */
    public boolean send(String state) {
        if (socket == null) {
            return false;
        }
        try {
            UnixDatagram.send(socket, state.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (LastErrorException | IllegalArgumentException | IllegalStateException | UnsatisfiedLinkError e) {
            if (!warned) {
                warned = true;
                LOG.warn("systemd notification to {} failed: {}", socket, e.getMessage());
            }
            return false;
        }
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ').replace('\r', ' ');
        return t.length() > 200 ? t.substring(0, 200) : t;
    }

    @Override
    public String toString() {
        return "SystemdNotifier[" + (socket == null ? "disabled" : socket)
                + (watchdogTimeout == null ? "" : ", watchdog " + watchdogTimeout) + "]";
    }
}
