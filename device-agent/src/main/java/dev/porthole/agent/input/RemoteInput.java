package dev.porthole.agent.input;

/**
 * Input into the remote session, as the RDP client's session accepts it (fast-path input events,
 * MS-RDPBCGR 2.2.8.1.2; slow-path when the server offers no fast-path input). Methods may be called
 * from any thread. The agent adapts the RDP session to this interface.
 */
public interface RemoteInput {

    /** TS_SYNC_SCROLL_LOCK. */
    int SCROLL_LOCK = 1;
    /** TS_SYNC_NUM_LOCK. */
    int NUM_LOCK = 2;
    /** TS_SYNC_CAPS_LOCK. */
    int CAPS_LOCK = 4;
    /** TS_SYNC_KANA_LOCK. */
    int KANA_LOCK = 8;

    /** A set-1 scancode went down or up; {@code extended} is the E0 prefix (KBDFLAGS_EXTENDED). */
    void sendKey(int scancode, boolean extended, boolean down);

    /** The Pause key was pressed (it has no release of its own; the session sends E1-prefixed Ctrl + NumLock down and up). */
    void sendPause();

    /** A UTF-16 code unit went down or up. */
    void sendUnicode(int utf16CodeUnit, boolean down);

    /** The pointer moved to ({@code x}, {@code y}) on the desktop. */
    void sendPointerMove(int x, int y);

    /** Button 1..5 went down or up at ({@code x}, {@code y}). */
    void sendPointerButton(int button, boolean down, int x, int y);

    /** A wheel turned {@code delta} (notches x 120, positive up/right) at ({@code x}, {@code y}). */
    void sendWheel(boolean horizontal, int delta, int x, int y);

    /** The lock keys' state (TS_SYNC_* flags): after connecting and when the session regains focus. */
    void sendSynchronize(int lockFlags);

    /** Input that goes nowhere. */
    RemoteInput NONE = new RemoteInput() {
        @Override
        public void sendKey(int scancode, boolean extended, boolean down) {}

        @Override
        public void sendPause() {}

        @Override
        public void sendUnicode(int utf16CodeUnit, boolean down) {}

        @Override
        public void sendPointerMove(int x, int y) {}

        @Override
        public void sendPointerButton(int button, boolean down, int x, int y) {}

        @Override
        public void sendWheel(boolean horizontal, int delta, int x, int y) {}

        @Override
        public void sendSynchronize(int lockFlags) {}
    };
}
