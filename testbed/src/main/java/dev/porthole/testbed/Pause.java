package dev.porthole.testbed;

/** Short sleeps inside the peers' polling loops; an interrupt ends the wait with a {@link PeerException}. */
public final class Pause {

    private Pause() {}

    /**
     * Sleeps {@code millis} milliseconds.
     *
     * @throws PeerException when interrupted (the interrupt flag is set again)
     */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while waiting for a peer", e);
        }
    }
}
