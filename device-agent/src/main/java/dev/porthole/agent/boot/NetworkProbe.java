package dev.porthole.agent.boot;

/**
 * Whether the session host can be reached, checked politely: no connection is opened to find out
 * (the connection attempt itself does that); the probe only asks whether the name resolves and a
 * route exists. May block briefly (name resolution); the machine calls it off its own thread.
 */
public interface NetworkProbe {

    /** What the probe found. */
    enum Reachability {
        /** A route exists and the name resolved: try to connect. */
        UP,
        /** No network interface with an address is up (cable out, no Wi-Fi, no DHCP lease yet). */
        NO_ROUTE,
        /** The host name does not resolve (DNS not reachable yet, or the name is wrong). */
        UNRESOLVABLE
    }

    /** Checks {@code host}. */
    Reachability check(String host);
}
