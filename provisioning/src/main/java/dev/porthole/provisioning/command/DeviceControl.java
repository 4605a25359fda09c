package dev.porthole.provisioning.command;

/**
 * What commands do on the device; implemented by the device agent. Each method runs on a thread of its own and may
 * block; a method that is not implemented answers {@code unsupported}. Exceptions become {@code failed} responses
 * with their message.
 */
public interface DeviceControl {

    /** {@code reconnect}: drop and re-establish the remote desktop session. */
    default void reconnectSession() {
        throw new UnsupportedOperationException("reconnect");
    }

    /** {@code reboot}: restart the device; called after the response was delivered. */
    default void reboot() {
        throw new UnsupportedOperationException("reboot");
    }

    /** {@code screenshot}: the current display as PNG. */
    default byte[] screenshotPng() {
        throw new UnsupportedOperationException("screenshot");
    }

    /** {@code logs}: the last at most {@code maxBytes} bytes of the agent's log (UTF-8 text). */
    default byte[] logTail(int maxBytes) {
        throw new UnsupportedOperationException("logs");
    }

    /** {@code set-log-level}: one of trace, debug, info, warn, error. */
    default void setLogLevel(String level) {
        throw new UnsupportedOperationException("set-log-level");
    }
}
