package dev.porthole.hw.input;

import java.util.Arrays;
import java.util.Optional;

/**
 * Linux input keycodes (linux/input-event-codes.h) to PC/AT scancode set 1, covering the 104/105-key
 * PC layout (including the ISO key left of Z, {@code KEY_102ND}), the keypad, F13-F24, the Japanese
 * and Korean keys, and the multimedia/browser/power keys of the Microsoft keyboard scan code
 * specification. Remote desktop protocols carry keys as these scancodes; the layout is applied by the
 * remote side.
 */
public final class ScancodeMap {

    private static final Scancode[] MAP = new Scancode[256];

    static {
        // keycodes 1..83 are the set-1 make codes themselves (Esc .. keypad '.')
        for (int k = 1; k <= 83; k++) {
            MAP[k] = Scancode.of(k);
        }
        put(85, 0x76);  // KEY_ZENKAKUHANKAKU
        put(86, 0x56);  // KEY_102ND: the ISO key between left Shift and Z
        put(87, 0x57);  // F11
        put(88, 0x58);  // F12
        put(89, 0x73);  // KEY_RO
        put(90, 0x78);  // KEY_KATAKANA
        put(91, 0x77);  // KEY_HIRAGANA
        put(92, 0x79);  // KEY_HENKAN
        put(93, 0x70);  // KEY_KATAKANAHIRAGANA
        put(94, 0x7b);  // KEY_MUHENKAN
        put(95, 0x5c);  // KEY_KPJPCOMMA
        e0(96, 0x1c);   // KEY_KPENTER
        e0(97, 0x1d);   // KEY_RIGHTCTRL
        e0(98, 0x35);   // KEY_KPSLASH
        e0(99, 0x37);   // KEY_SYSRQ (Print Screen)
        e0(100, 0x38);  // KEY_RIGHTALT (AltGr)
        e0(102, 0x47);  // KEY_HOME
        e0(103, 0x48);  // KEY_UP
        e0(104, 0x49);  // KEY_PAGEUP
        e0(105, 0x4b);  // KEY_LEFT
        e0(106, 0x4d);  // KEY_RIGHT
        e0(107, 0x4f);  // KEY_END
        e0(108, 0x50);  // KEY_DOWN
        e0(109, 0x51);  // KEY_PAGEDOWN
        e0(110, 0x52);  // KEY_INSERT
        e0(111, 0x53);  // KEY_DELETE
        e0(113, 0x20);  // KEY_MUTE
        e0(114, 0x2e);  // KEY_VOLUMEDOWN
        e0(115, 0x30);  // KEY_VOLUMEUP
        e0(116, 0x5e);  // KEY_POWER
        put(117, 0x59); // KEY_KPEQUAL
        MAP[119] = new Scancode(0x1d, false, true); // KEY_PAUSE: E1 1D 45 (E1-prefixed Ctrl, then NumLock)
        put(121, 0x7e); // KEY_KPCOMMA
        put(122, 0x72); // KEY_HANGEUL
        put(123, 0x71); // KEY_HANJA
        put(124, 0x7d); // KEY_YEN
        e0(125, 0x5b);  // KEY_LEFTMETA
        e0(126, 0x5c);  // KEY_RIGHTMETA
        e0(127, 0x5d);  // KEY_COMPOSE (Menu / Application)
        e0(128, 0x68);  // KEY_STOP (browser stop)
        e0(139, 0x5d);  // KEY_MENU
        e0(140, 0x21);  // KEY_CALC
        e0(142, 0x5f);  // KEY_SLEEP
        e0(143, 0x63);  // KEY_WAKEUP
        e0(155, 0x6c);  // KEY_MAIL
        e0(156, 0x66);  // KEY_BOOKMARKS (browser favourites)
        e0(157, 0x6b);  // KEY_COMPUTER
        e0(158, 0x6a);  // KEY_BACK (browser back)
        e0(159, 0x69);  // KEY_FORWARD (browser forward)
        e0(163, 0x19);  // KEY_NEXTSONG
        e0(164, 0x22);  // KEY_PLAYPAUSE
        e0(165, 0x10);  // KEY_PREVIOUSSONG
        e0(166, 0x24);  // KEY_STOPCD
        e0(172, 0x32);  // KEY_HOMEPAGE
        e0(173, 0x67);  // KEY_REFRESH
        int[] f13to24 = {0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x76};
        for (int i = 0; i < f13to24.length; i++) {
            put(183 + i, f13to24[i]); // KEY_F13 .. KEY_F24
        }
        e0(215, 0x6c);  // KEY_EMAIL
        e0(217, 0x65);  // KEY_SEARCH
        e0(226, 0x6d);  // KEY_MEDIA (media select)
    }

    private ScancodeMap() {}

    private static void put(int keycode, int code) {
        MAP[keycode] = Scancode.of(code);
    }

    private static void e0(int keycode, int code) {
        MAP[keycode] = Scancode.e0(code);
    }

    /** The scancode of Linux keycode {@code keycode}, or empty for keys a PC keyboard does not have. */
    public static Optional<Scancode> of(int keycode) {
        return keycode >= 0 && keycode < MAP.length ? Optional.ofNullable(MAP[keycode]) : Optional.empty();
    }

    /** The Linux keycodes that have a scancode. */
    public static int[] mappedKeycodes() {
        return java.util.stream.IntStream.range(0, MAP.length).filter(k -> MAP[k] != null).toArray();
    }

    /** How many keycodes are mapped. */
    public static int size() {
        return (int) Arrays.stream(MAP).filter(java.util.Objects::nonNull).count();
    }
}
