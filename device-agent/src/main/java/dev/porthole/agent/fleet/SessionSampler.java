package dev.porthole.agent.fleet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.porthole.agent.boot.BootMachine;
import dev.porthole.agent.boot.BootSettings;
import dev.porthole.agent.boot.BootState;
import dev.porthole.agent.config.HostAddress;
import dev.porthole.provisioning.telemetry.SessionTelemetry;

/**
 * The session part of the telemetry, measured on the telemetry thread:
 * <ul>
 *   <li>{@code fps}: frames the display presented since the previous sample divided by the time between the samples
 *       ({@code Display.framesShown()}); null for the first sample and outside a session;</li>
 *   <li>{@code rttMs}: the time a TCP connection to the session's host takes to be accepted (SYN to SYN-ACK, one
 *       network round trip plus the host's accept), measured only while in session and closed at once. The RDP
 *       client does not expose the server's auto-detect RTT results today, so this is what is measured honestly;
 *       null when the connection fails or outside a session.</li>
 * </ul>
 */
final class SessionSampler implements SessionTelemetry {

    /** Longest wait for the RTT probe's connection. */
    static final int PROBE_TIMEOUT_MS = 2000;

    private final Supplier<BootState> state;
    private final Supplier<HostAddress> host;
    private final LongSupplier frames;
    private final LongSupplier nanos;
    private long lastFrames = -1;
    private long lastNanos;

    SessionSampler(Supplier<BootState> state, Supplier<HostAddress> host, LongSupplier frames, LongSupplier nanos) {
        this.state = state;
        this.host = host;
        this.frames = frames;
        this.nanos = nanos;
    }

    /** Samples {@code machine} and the frames the display has shown. */
    static SessionSampler of(BootMachine machine, LongSupplier framesShown) {
        return new SessionSampler(machine::state, () -> currentHost(machine), framesShown, System::nanoTime);
    }

    @Override
    public synchronized Sample sample() {
        BootState s = state.get();
        long f = frames.getAsLong();
        long t = nanos.getAsLong();
        Double fps = null;
        if (s == BootState.IN_SESSION && lastFrames >= 0 && t > lastNanos && f >= lastFrames) {
            fps = Math.round((f - lastFrames) * 1e10 / (t - lastNanos)) / 10.0; // one decimal
        }
        lastFrames = f;
        lastNanos = t;
        Double rtt = s == BootState.IN_SESSION ? probe(host.get()) : null;
        return new Sample(FleetAgent.telemetryState(s), rtt, fps);
    }

    /** Milliseconds (one decimal) until a TCP connection to {@code h} is accepted; null when none. */
    static Double probe(HostAddress h) {
        if (h == null) {
            return null;
        }
        try (Socket socket = new Socket()) {
            InetSocketAddress to = new InetSocketAddress(h.host(), h.port()); // name lookup outside the measurement
            if (to.isUnresolved()) {
                return null;
            }
            long start = System.nanoTime();
            socket.connect(to, PROBE_TIMEOUT_MS);
            long took = System.nanoTime() - start;
            return Math.round(took / 1e5) / 10.0;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static HostAddress currentHost(BootMachine machine) {
        BootSettings s = machine.settings();
        if (s == null) {
            return null;
        }
        String h = machine.currentHost();
        for (HostAddress a : s.hosts()) {
            if (a.host().equals(h)) {
                return a;
            }
        }
        return s.host() == null ? null : new HostAddress(s.host(), s.port());
    }
}
