package dev.porthole.archfixture.bad.rdp.protocol;

/** Violates invariant 1: the protocol core starts a thread. */
public class StartsThread {
    public void spawn(Runnable r) {
        new Thread(r).start();
    }
}
