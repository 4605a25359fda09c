package dev.porthole.archfixture.bad.rdp.protocol;

/** Violates the module table: the protocol core may not use a logging library (it emits events). */
public class Logs {
    public void log() {
        org.tinylog.Logger.info("decoded");
    }
}
