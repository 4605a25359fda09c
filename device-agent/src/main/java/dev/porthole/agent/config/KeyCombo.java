package dev.porthole.agent.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.porthole.hw.input.Hotkey;

/**
 * A local key combination of the configuration, written {@code Ctrl+Alt+End}: zero or more modifiers
 * ({@code Ctrl}, {@code Shift}, {@code Alt}, {@code Meta}; either side) and one key. Keys are letters, digits,
 * {@code F1}..{@code F12} and the names in {@link #KEYS}; matching ignores case.
 *
 * @param modifiers the modifiers held
 * @param key       the key's canonical name ({@code End})
 * @param keycode   the key's Linux input keycode ({@code KEY_END} = 107)
 */
public record KeyCombo(Set<Hotkey.Modifier> modifiers, String key, int keycode) {

    /** The actions a hotkey can trigger. */
    public static final List<String> ACTIONS = List.of("disconnect", "reconnect");

    /** Named keys and their Linux keycodes ({@code linux/input-event-codes.h}). */
    public static final Map<String, Integer> KEYS;

    static {
        Map<String, Integer> k = new LinkedHashMap<>();
        k.put("Escape", 1);
        String digits = "1234567890";
        for (int i = 0; i < digits.length(); i++) {
            k.put(String.valueOf(digits.charAt(i)), 2 + i);
        }
        k.put("Backspace", 14);
        k.put("Tab", 15);
        letters(k, "QWERTYUIOP", 16);
        k.put("Enter", 28);
        letters(k, "ASDFGHJKL", 30);
        letters(k, "ZXCVBNM", 44);
        k.put("Space", 57);
        for (int i = 1; i <= 10; i++) {
            k.put("F" + i, 58 + i);
        }
        k.put("F11", 87);
        k.put("F12", 88);
        k.put("Home", 102);
        k.put("Up", 103);
        k.put("PageUp", 104);
        k.put("Left", 105);
        k.put("Right", 106);
        k.put("End", 107);
        k.put("Down", 108);
        k.put("PageDown", 109);
        k.put("Insert", 110);
        k.put("Delete", 111);
        k.put("Pause", 119);
        KEYS = java.util.Collections.unmodifiableMap(k);
    }

    private static void letters(Map<String, Integer> k, String row, int first) {
        for (int i = 0; i < row.length(); i++) {
            k.put(String.valueOf(row.charAt(i)), first + i);
        }
    }

    public KeyCombo {
        modifiers = modifiers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(modifiers));
        Integer code = KEYS.get(key);
        if (code == null || code != keycode) {
            throw new IllegalArgumentException("unknown key '" + AgentConfig.Checks.shorten(key) + "'");
        }
    }

    /** Parses {@code Ctrl+Alt+End} (case-insensitive, spaces around {@code +} allowed). */
    public static KeyCombo parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("key combination is empty");
        }
        if (text.length() > 64) {
            throw new IllegalArgumentException("key combination is longer than 64 characters");
        }
        String[] parts = text.split("\\+", -1);
        EnumSet<Hotkey.Modifier> mods = EnumSet.noneOf(Hotkey.Modifier.class);
        for (int i = 0; i < parts.length - 1; i++) {
            String p = parts[i].strip().toUpperCase(Locale.ROOT);
            Hotkey.Modifier m = switch (p) {
                case "CTRL", "CONTROL" -> Hotkey.Modifier.CTRL;
                case "SHIFT" -> Hotkey.Modifier.SHIFT;
                case "ALT" -> Hotkey.Modifier.ALT;
                case "META", "SUPER", "WIN" -> Hotkey.Modifier.META;
                default -> throw new IllegalArgumentException("'" + AgentConfig.Checks.shorten(parts[i].strip())
                        + "' is not a modifier (Ctrl, Shift, Alt, Meta)");
            };
            if (!mods.add(m)) {
                throw new IllegalArgumentException("modifier " + m + " given twice");
            }
        }
        String keyText = parts[parts.length - 1].strip();
        for (Map.Entry<String, Integer> e : KEYS.entrySet()) {
            if (e.getKey().equalsIgnoreCase(keyText)) {
                return new KeyCombo(mods, e.getKey(), e.getValue());
            }
        }
        throw new IllegalArgumentException("'" + AgentConfig.Checks.shorten(keyText)
                + "' is not a key (letters, digits, F1..F12, " + String.join(", ", namedKeys()) + ")");
    }

    private static List<String> namedKeys() {
        List<String> n = new ArrayList<>();
        for (String k : KEYS.keySet()) {
            if (k.length() > 1 && !k.matches("F\\d+")) {
                n.add(k);
            }
        }
        return n;
    }

    /** The hw-drivers hotkey for {@code action}. */
    public Hotkey toHotkey(String action) {
        return new Hotkey(modifiers, keycode, action);
    }

    /** {@code Ctrl+Alt+End}: the form {@link #parse} reads back. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Hotkey.Modifier m : Hotkey.Modifier.values()) {
            if (modifiers.contains(m)) {
                b.append(switch (m) {
                    case CTRL -> "Ctrl";
                    case SHIFT -> "Shift";
                    case ALT -> "Alt";
                    case META -> "Meta";
                }).append('+');
            }
        }
        return b.append(key).toString();
    }
}
