package dev.porthole.archfixture.bad.display;

/** Violates invariant 2: the display knows an RDP session. */
public class Screen {
    public void attach(dev.porthole.archfixture.bad.rdp.netty.Session session) {
        session.hashCode();
    }
}
