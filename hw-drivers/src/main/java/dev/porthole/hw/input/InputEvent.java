package dev.porthole.hw.input;

/** What the input pipeline produces: protocol-neutral key, pointer and local-action events. */
public sealed interface InputEvent {

    /** A key went down or up. {@code keycode} is the Linux keycode; key repeat is left to the remote side. */
    record Key(int keycode, Scancode scancode, boolean pressed) implements InputEvent {}

    /** The pointer is now at ({@code x}, {@code y}) in desktop pixels. */
    record PointerMove(int x, int y) implements InputEvent {}

    /** Button 1 (left), 2 (right), 3 (middle), 4 (back/side) or 5 (forward/extra) at ({@code x}, {@code y}). */
    record PointerButton(int button, boolean pressed, int x, int y) implements InputEvent {}

    /** A wheel turned: {@code delta} in 1/120 notch units, positive is up (vertical) or right (horizontal). */
    record Wheel(boolean horizontal, int delta, int x, int y) implements InputEvent {}

    /** A reserved local hotkey was pressed: the device handles {@code action} itself; nothing reached the session. */
    record LocalAction(String action) implements InputEvent {}
}
