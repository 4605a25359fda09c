package dev.porthole.hw.input;

import java.util.List;

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

    /**
     * The contacts of a multi-touch surface that changed in one report (evdev MT protocol B): each went
     * {@link Phase#DOWN}, moved ({@link Phase#MOVE}) or lifted ({@link Phase#UP}), at ({@code x}, {@code y})
     * in desktop pixels. Contacts of one report come in one event, ordered by slot, a lift before a new
     * contact in the same slot.
     */
    record Touch(List<Contact> contacts) implements InputEvent {

        /** Copies the list. */
        public Touch {
            contacts = List.copyOf(contacts);
        }

        /** Where a contact is in its life. */
        public enum Phase { DOWN, MOVE, UP }

        /**
         * One contact. {@code slot} is small and stable while the contact lasts (reused by later contacts:
         * a protocol's contact id); {@code trackingId} is the kernel's id, unique among recent contacts.
         */
        public record Contact(int slot, int trackingId, Phase phase, int x, int y) {}
    }

    /** A reserved local hotkey was pressed: the device handles {@code action} itself; nothing reached the session. */
    record LocalAction(String action) implements InputEvent {}
}
