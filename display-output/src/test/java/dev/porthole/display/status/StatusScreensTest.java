package dev.porthole.display.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.porthole.display.surface.Surface;
import dev.porthole.hw.input.InputEvent;
import dev.porthole.hw.input.ScancodeMap;

class StatusScreensTest {

    final StatusRenderer renderer = new StatusRenderer();

    int[] draw(Status s) {
        Surface surface = new Surface(640, 400);
        renderer.render(surface, s);
        return surface.pixels().clone();
    }

    static int colours(int[] px) {
        Set<Integer> c = new HashSet<>();
        for (int p : px) {
            c.add(p);
        }
        return c.size();
    }

    static void type(SignInForm f, int... keycodes) {
        for (int k : keycodes) {
            f.onKey(new InputEvent.Key(k, ScancodeMap.of(k).orElseThrow(), true));
            f.onKey(new InputEvent.Key(k, ScancodeMap.of(k).orElseThrow(), false));
        }
    }

    @Test
    void everyStatusDrawsSomethingDistinct() {
        List<int[]> screens = new ArrayList<>();
        for (Status s : List.of(new Status.Booting(), new Status.Connecting("rdp.example.test"), new Status.NetworkDown(),
                new Status.AuthenticationFailed("The password is incorrect"), new Status.Reconnecting("rdp.example.test", 3),
                new Status.SignIn(new SignInForm("", c -> { })), new Status.ShuttingDown())) {
            int[] px = draw(s);
            assertThat(colours(px)).as("%s has text and shapes, not a flat fill", s).isGreaterThan(20);
            screens.add(px);
        }
        for (int i = 0; i < screens.size(); i++) {
            for (int j = i + 1; j < screens.size(); j++) {
                assertThat(Arrays.equals(screens.get(i), screens.get(j))).as("screens %d and %d differ", i, j).isFalse();
            }
        }
    }

    @Test
    void theReasonAndTheAttemptNumberAreOnTheScreen() {
        assertThat(draw(new Status.AuthenticationFailed("Account locked")))
                .isNotEqualTo(draw(new Status.AuthenticationFailed("Password expired")));
        assertThat(draw(new Status.Reconnecting("h", 2))).isNotEqualTo(draw(new Status.Reconnecting("h", 12)));
        assertThat(draw(new Status.Reconnecting("h", 2, "The server is shutting down.")))
                .isNotEqualTo(draw(new Status.Reconnecting("h", 2)));
    }

    @Test
    void thePasswordIsMaskedOnScreenAndHandedOverOnEnter() {
        List<SignInForm.Credentials> submitted = new ArrayList<>();
        SignInForm a = new SignInForm("", submitted::add);
        SignInForm b = new SignInForm("", c -> { });
        type(a, 30, 31, 15); // "as", Tab
        type(b, 30, 31, 15);
        type(a, 44, 45, 46, 47); // "zxcv"
        type(b, 19, 18, 20, 20); // "rett": different letters, same length
        assertThat(a.toString()).doesNotContain("zxcv").contains("4 chars");
        assertThat(draw(new Status.SignIn(a))).as("masked: same length, same picture").isEqualTo(draw(new Status.SignIn(b)));
        type(b, 14); // Backspace
        assertThat(draw(new Status.SignIn(a))).isNotEqualTo(draw(new Status.SignIn(b)));
        // Shift gives capitals
        a.onKey(new InputEvent.Key(42, ScancodeMap.of(42).orElseThrow(), true));
        type(a, 2);
        a.onKey(new InputEvent.Key(42, ScancodeMap.of(42).orElseThrow(), false));
        type(a, 28);
        assertThat(submitted).hasSize(1);
        assertThat(submitted.getFirst().username()).isEqualTo("as");
        assertThat(new String(submitted.getFirst().password())).isEqualTo("zxcv!");
        assertThat(submitted.getFirst().toString()).doesNotContain("zxcv");
        assertThat(a.passwordLength()).as("cleared after submit").isZero();
        submitted.getFirst().clear();
        assertThat(submitted.getFirst().password()).containsOnly('\0');
    }

    @Test
    void usernameDiffersOnScreenAndEnterWithoutUserAsksForIt() {
        SignInForm a = new SignInForm("alice", c -> { });
        SignInForm b = new SignInForm("bob", c -> { });
        assertThat(a.focus()).isEqualTo(SignInForm.Field.PASSWORD);
        assertThat(draw(new Status.SignIn(a))).isNotEqualTo(draw(new Status.SignIn(b)));
        List<SignInForm.Credentials> none = new ArrayList<>();
        SignInForm empty = new SignInForm("", none::add);
        type(empty, 15, 28);
        assertThat(none).isEmpty();
        assertThat(empty.message()).isEqualTo("Enter your user name");
        assertThat(empty.focus()).isEqualTo(SignInForm.Field.USERNAME);
    }
}
