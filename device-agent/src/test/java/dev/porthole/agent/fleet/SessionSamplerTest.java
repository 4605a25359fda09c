package dev.porthole.agent.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.porthole.agent.boot.BootState;
import dev.porthole.agent.config.HostAddress;
import dev.porthole.provisioning.telemetry.SessionTelemetry.Sample;
import org.junit.jupiter.api.Test;

class SessionSamplerTest {

    private final AtomicReference<BootState> state = new AtomicReference<>(BootState.IN_SESSION);
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void frameRateIsFramesShownBetweenSamplesOverTheTimeBetweenThem() {
        SessionSampler s = new SessionSampler(state::get, () -> null, frames::get, nanos::get);
        Sample first = s.sample();
        assertThat(first.state()).isEqualTo("active");
        assertThat(first.frameRate()).isNull(); // nothing to compare with yet
        frames.addAndGet(75);
        nanos.addAndGet(2_500_000_000L);
        assertThat(s.sample().frameRate()).isEqualTo(30.0);
        frames.addAndGet(1);
        nanos.addAndGet(3_000_000_000L);
        assertThat(s.sample().frameRate()).isEqualTo(0.3);
        nanos.addAndGet(1_000_000_000L);
        assertThat(s.sample().frameRate()).isEqualTo(0.0); // a still picture is a measured 0, not unknown
    }

    @Test
    void outsideASessionThereIsNoFrameRateAndNoRoundTrip() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            HostAddress host = new HostAddress("127.0.0.1", server.getLocalPort());
            SessionSampler s = new SessionSampler(state::get, () -> host, frames::get, nanos::get);
            state.set(BootState.CONNECTING);
            s.sample();
            frames.addAndGet(10);
            nanos.addAndGet(1_000_000_000L);
            Sample sample = s.sample();
            assertThat(sample.state()).isEqualTo("connecting");
            assertThat(sample.frameRate()).isNull();
            assertThat(sample.rttMillis()).isNull();
            state.set(BootState.IN_SESSION);
            assertThat(s.sample().rttMillis()).isNotNull().isGreaterThanOrEqualTo(0.0);
        }
    }

    @Test
    void roundTripIsNullWhenTheHostDoesNotAccept() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }
        assertThat(SessionSampler.probe(new HostAddress("127.0.0.1", port))).isNull();
        assertThat(SessionSampler.probe(null)).isNull();
    }
}
