package dev.porthole.hw.evdev;

/** What an input device is, judged from its capability bits. A device may be several (a keyboard with a touchpad). */
public enum DeviceClass {
    /** Letter keys: a full keyboard. */
    KEYBOARD,
    /** Keys but no letters: power buttons, consumer-control (media) keys, lid switches' companions. */
    KEYS,
    /** Relative X/Y axes and a left button. */
    MOUSE,
    /** Absolute X/Y with BTN_TOUCH, direct (on the screen). */
    TOUCHSCREEN,
    /** Absolute X/Y with finger tools, indirect (a laptop touchpad). */
    TOUCHPAD,
    /** Absolute X/Y with mouse buttons (QEMU/VM tablets, graphics tablets). */
    TABLET,
    /** Anything else (switches, accelerometers, sound jacks). */
    OTHER
}
