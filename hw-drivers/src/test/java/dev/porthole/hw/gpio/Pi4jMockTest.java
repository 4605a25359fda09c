package dev.porthole.hw.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;

/** Buttons and the status LED through Pi4J with its mock provider (off-Pi auto context). */
class Pi4jMockTest {

    Context pi4j;

    @BeforeEach
    void context() {
        pi4j = Pi4J.newAutoContext();
    }

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void activeLowButtonPressAndHoldFireActions() throws Exception {
        List<String> actions = new CopyOnWriteArrayList<>();
        try (GpioButtons buttons = GpioButtons.start(pi4j, List.of(
                new ButtonSpec("reconnect", 17, true, "reconnect", null, null),
                new ButtonSpec("power", 27, true, "power-off", "factory-reset", Duration.ofMillis(300))),
                Duration.ofMillis(15), actions::add)) {
            MockDigitalInput reconnect = pi4j.io("button-reconnect");
            MockDigitalInput power = pi4j.io("button-power");
            // the mock starts LOW, which is "pressed" for active-low buttons: ignored until released once
            Thread.sleep(60);
            assertThat(actions).isEmpty();
            reconnect.mockState(DigitalState.HIGH);
            power.mockState(DigitalState.HIGH);
            Thread.sleep(50);
            assertThat(actions).isEmpty();

            reconnect.mockState(DigitalState.LOW);
            await(() -> actions.contains("reconnect"), "reconnect action");
            assertThat(buttons.pressed("reconnect")).isTrue();
            reconnect.mockState(DigitalState.HIGH);

            power.mockState(DigitalState.LOW);
            await(() -> actions.contains("factory-reset"), "hold action");
            power.mockState(DigitalState.HIGH);
            Thread.sleep(60);
            assertThat(actions).containsExactly("reconnect", "factory-reset");
        }
    }

    @Test
    void statusLedFollowsItsPattern() throws Exception {
        try (StatusLed led = StatusLed.start(pi4j, 22, false)) {
            DigitalOutput out = pi4j.io("status-led");
            led.show(LedPattern.IN_SESSION);
            await(() -> out.state() == DigitalState.HIGH, "LED on");
            List<DigitalState> seen = new CopyOnWriteArrayList<>();
            out.addListener(e -> seen.add(e.state()));
            led.show(LedPattern.CONNECTING);
            await(() -> seen.size() >= 3, "blinking");
            assertThat(seen).contains(DigitalState.LOW, DigitalState.HIGH);
            led.show(LedPattern.OFF);
            await(() -> out.state() == DigitalState.LOW, "LED off");
        }
    }
}
