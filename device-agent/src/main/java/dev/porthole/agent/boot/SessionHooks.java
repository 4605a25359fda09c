package dev.porthole.agent.boot;

/** Told when a session becomes active or goes away (input forwarding, keyboard LEDs). */
public interface SessionHooks {

    /** {@code session} is active with a {@code width}x{@code height} desktop. */
    void sessionActive(RemoteSessions.Session session, int width, int height);

    /** No session is active any more. */
    void sessionInactive();

    /** The server's lock-key state (TS_SYNC_* flags). */
    default void keyboardIndicators(int lockFlags) {}

    /** Does nothing. */
    SessionHooks NONE = new SessionHooks() {
        @Override
        public void sessionActive(RemoteSessions.Session session, int width, int height) {}

        @Override
        public void sessionInactive() {}
    };
}
