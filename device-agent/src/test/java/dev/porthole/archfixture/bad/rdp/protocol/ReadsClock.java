package dev.porthole.archfixture.bad.rdp.protocol;

/** Violates invariant 1: the protocol core reads the clock. */
public class ReadsClock {
    public long now() {
        return System.currentTimeMillis();
    }
}
