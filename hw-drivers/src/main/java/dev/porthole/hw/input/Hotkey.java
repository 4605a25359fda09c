package dev.porthole.hw.input;

import java.util.EnumSet;
import java.util.Set;

/**
 * A reserved local key combination: the modifiers held (either side counts) and the Linux keycode
 * pressed, mapped to a device action. The trigger key never reaches the session.
 */
public record Hotkey(Set<Modifier> modifiers, int keycode, String action) {

    /** Modifier keys, either side. */
    public enum Modifier {
        CTRL(29, 97), SHIFT(42, 54), ALT(56, 100), META(125, 126);

        private final int left;
        private final int right;

        Modifier(int left, int right) {
            this.left = left;
            this.right = right;
        }

        /** The modifier keycode {@code keycode} belongs to, or null. */
        static Modifier of(int keycode) {
            for (Modifier m : values()) {
                if (m.left == keycode || m.right == keycode) {
                    return m;
                }
            }
            return null;
        }
    }

    /** Copies the modifiers. */
    public Hotkey {
        modifiers = modifiers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(modifiers));
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("hotkey without action");
        }
    }

    /** Ctrl+Alt+End: leave the session locally ({@code disconnect}). */
    public static Hotkey disconnect() {
        return new Hotkey(EnumSet.of(Modifier.CTRL, Modifier.ALT), 107, "disconnect");
    }
}
