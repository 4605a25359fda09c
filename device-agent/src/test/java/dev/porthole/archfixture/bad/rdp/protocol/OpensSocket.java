package dev.porthole.archfixture.bad.rdp.protocol;

/** Violates invariant 1: the protocol core opens a socket. */
public class OpensSocket {
    public java.net.Socket open() throws java.io.IOException {
        return new java.net.Socket("127.0.0.1", 3389);
    }
}
