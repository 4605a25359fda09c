package dev.porthole.archfixture.bad.hw;

/** Violates invariant 3: a module other than device-agent reads the environment. */
public class ReadsEnvironment {
    public String device() {
        return System.getenv("PORTHOLE_FB");
    }
}
