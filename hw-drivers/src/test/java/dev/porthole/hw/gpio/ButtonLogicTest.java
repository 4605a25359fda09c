package dev.porthole.hw.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ButtonLogicTest {

    static final long MS = 1_000_000L;

    @Test
    void bounceShorterThanTheDebounceTimeIsIgnored() {
        List<String> actions = new ArrayList<>();
        ButtonLogic b = new ButtonLogic(new ButtonSpec("reconnect", 17, true, "reconnect", null, null), 20 * MS, actions::add);
        b.input(true, 0);
        b.input(false, 3 * MS);
        b.input(true, 6 * MS);
        b.input(false, 9 * MS);
        b.tick(100 * MS);
        assertThat(actions).isEmpty();
        b.input(true, 200 * MS);
        b.input(false, 205 * MS);
        b.input(true, 207 * MS);
        b.tick(226 * MS);
        assertThat(actions).isEmpty();
        b.tick(227 * MS);
        assertThat(actions).containsExactly("reconnect");
        assertThat(b.pressed()).isTrue();
    }

    @Test
    void shortPressAndHoldAreDistinguished() {
        List<String> actions = new ArrayList<>();
        ButtonLogic b = new ButtonLogic(new ButtonSpec("power", 27, true, "power-off", "factory-reset", Duration.ofSeconds(10)),
                20 * MS, actions::add);
        b.input(true, 0);
        b.tick(30 * MS);
        b.input(false, 500 * MS);
        b.tick(530 * MS);
        assertThat(actions).containsExactly("power-off");
        actions.clear();
        b.input(true, 1000 * MS);
        b.tick(5000 * MS);
        assertThat(actions).isEmpty();
        b.tick(11_000 * MS);
        b.tick(12_000 * MS);
        assertThat(actions).containsExactly("factory-reset");
        b.input(false, 13_000 * MS);
        b.tick(13_100 * MS);
        assertThat(actions).as("no press action after a hold").containsExactly("factory-reset");
    }

    @Test
    void aButtonHeldAtStartFiresNothingUntilReleased() {
        List<String> actions = new ArrayList<>();
        ButtonLogic b = new ButtonLogic(new ButtonSpec("power", 27, true, "power-off", "factory-reset", Duration.ofSeconds(1)),
                20 * MS, actions::add);
        b.initial(true, 0);
        b.tick(5000 * MS);
        b.input(false, 6000 * MS);
        b.tick(6100 * MS);
        assertThat(actions).isEmpty();
        b.input(true, 7000 * MS);
        b.tick(7100 * MS);
        b.input(false, 7200 * MS);
        b.tick(7300 * MS);
        assertThat(actions).containsExactly("power-off");
    }

    @Test
    void specsAreValidated() {
        assertThatThrownBy(() -> new ButtonSpec("x", 1, true, null, null, null)).hasMessageContaining("button x has no action");
        assertThatThrownBy(() -> new ButtonSpec("x", 1, true, null, "reset", Duration.ZERO)).hasMessageContaining("positive hold time");
    }

    @Test
    void ledPatterns() {
        assertThat(LedPattern.OFF.litAt(0)).isFalse();
        assertThat(LedPattern.IN_SESSION.litAt(123456)).isTrue();
        assertThat(LedPattern.BOOTING.litAt(100)).isTrue();
        assertThat(LedPattern.BOOTING.litAt(600)).isFalse();
        assertThat(LedPattern.BOOTING.litAt(1100)).isTrue();
        assertThat(LedPattern.CONNECTING.litAt(160)).isFalse();
        assertThat(LedPattern.ERROR.litAt(50)).isTrue();
        assertThat(LedPattern.ERROR.litAt(150)).isFalse();
        assertThat(LedPattern.ERROR.litAt(250)).isTrue();
        assertThat(LedPattern.ERROR.litAt(500)).isFalse();
    }
}
