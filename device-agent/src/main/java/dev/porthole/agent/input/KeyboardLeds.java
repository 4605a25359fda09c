package dev.porthole.agent.input;

/** The keyboards' lock LEDs ({@code InputDevices#setLockLeds} on the device). */
public interface KeyboardLeds {

    /** Sets the LEDs. */
    void set(boolean capsLock, boolean numLock, boolean scrollLock);

    /** No LEDs. */
    KeyboardLeds NONE = (c, n, s) -> { };
}
