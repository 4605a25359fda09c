package dev.porthole.hw.input;

import java.util.Map;
import java.util.Optional;

/**
 * Keyboard layout identifiers for a remote session, from XKB layout names (as in
 * {@code /etc/default/keyboard}). The values are the Windows keyboard layout identifiers (KLIDs)
 * that remote desktop servers expect; the physical keys still travel as set-1 scancodes.
 */
public final class KeyboardLayouts {

    private static final Map<String, Integer> IDS = Map.ofEntries(
            Map.entry("us", 0x00000409), Map.entry("us(intl)", 0x00020409), Map.entry("us(dvorak)", 0x00010409),
            Map.entry("gb", 0x00000809), Map.entry("de", 0x00000407), Map.entry("ch", 0x00000807),
            Map.entry("ch(fr)", 0x0000100c), Map.entry("at", 0x00000c07), Map.entry("fr", 0x0000040c),
            Map.entry("be", 0x0000080c), Map.entry("ca", 0x00001009), Map.entry("es", 0x0000040a),
            Map.entry("latam", 0x0000080a), Map.entry("it", 0x00000410), Map.entry("pt", 0x00000816),
            Map.entry("br", 0x00010416), Map.entry("nl", 0x00000413), Map.entry("dk", 0x00000406),
            Map.entry("no", 0x00000414), Map.entry("se", 0x0000041d), Map.entry("fi", 0x0000040b),
            Map.entry("is", 0x0000040f), Map.entry("ie", 0x00001809), Map.entry("pl", 0x00000415),
            Map.entry("cz", 0x00000405), Map.entry("sk", 0x0000041b), Map.entry("hu", 0x0000040e),
            Map.entry("ro", 0x00000418), Map.entry("si", 0x00000424), Map.entry("hr", 0x0000041a),
            Map.entry("ru", 0x00000419), Map.entry("ua", 0x00000422), Map.entry("gr", 0x00000408),
            Map.entry("tr", 0x0000041f), Map.entry("il", 0x0000040d), Map.entry("jp", 0x00000411),
            Map.entry("kr", 0x00000412), Map.entry("cn", 0x00000804), Map.entry("tw", 0x00000404));

    private KeyboardLayouts() {}

    /** The layout id for XKB layout {@code name} (optionally with a variant in parentheses). */
    public static Optional<Integer> forXkb(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        Integer id = IDS.get(n);
        if (id == null && n.contains("(")) {
            id = IDS.get(n.substring(0, n.indexOf('(')));
        }
        return Optional.ofNullable(id);
    }
}
