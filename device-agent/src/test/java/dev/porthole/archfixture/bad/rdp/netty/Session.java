package dev.porthole.archfixture.bad.rdp.netty;

/** Violates invariant 2: the RDP client draws on a display. */
public class Session {
    public void draw(dev.porthole.archfixture.bad.display.Screen screen) {
        screen.hashCode();
    }
}
