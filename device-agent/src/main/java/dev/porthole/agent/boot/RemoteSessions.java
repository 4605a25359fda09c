package dev.porthole.agent.boot;

/**
 * Opens remote desktop sessions for the boot machine: the one seam between the machine and the RDP
 * client ({@code RdpRemoteSessions} uses {@code RdpClient}, whose own auto-reconnect is reported
 * through {@link Listener#reconnecting}).
 */
public interface RemoteSessions {

    /** Who to connect to and as whom; {@code password} is a copy the implementation wipes after use. */
    record Request(BootSettings settings, String username, String domain, char[] password) {
        @Override
        public String toString() {
            return "Request[" + settings.host() + ":" + settings.port() + ", user=" + username + "]";
        }
    }

    /** Why a session or an attempt ended. */
    enum EndKind {
        /** Closed from this side (shutdown, reconnect command, idle timeout, config change). */
        LOCAL,
        /** The credentials were rejected. */
        AUTHENTICATION,
        /** The server certificate did not verify. */
        TRUST,
        /** Network or transport: refused, reset, timed out, closed without explanation. */
        NETWORK,
        /** Anything else the client or server reported (protocol errors, unsupported server). */
        ERROR
    }

    /** A session ended, and why (with {@code message} for a person). */
    record End(EndKind kind, String message) {}

    /** What the session tells the machine; may be called from any thread. */
    interface Listener {
        /** The session is active with a {@code width}x{@code height} desktop. */
        void active(int width, int height);

        /** The server's Set Error Info (MS-RDPBCGR 2.2.5.1.1) before it drops the connection. */
        void errorInfo(int code, String name, String sentence);

        /** The server's lock-key state changed (TS_SYNC_* flags); LEDs follow it. */
        default void keyboardIndicators(int lockFlags) {}

        /**
         * The client lost the transport and reconnects by itself (ARC auto-reconnect, MS-RDPBCGR 5.5):
         * attempt {@code attempt} starts after {@code delay}. {@link #active} follows when the session is
         * back, {@link #ended} when the client gives up.
         */
        default void reconnecting(int attempt, java.time.Duration delay, String reason) {}

        /** The attempt failed or the session ended. Called once. */
        void ended(End end);
    }

    /** An open session or attempt. */
    interface Session extends AutoCloseable {
        /** Where input for this session goes (nowhere until the client sends input). */
        default dev.porthole.agent.input.RemoteInput input() {
            return dev.porthole.agent.input.RemoteInput.NONE;
        }

        /** Closes it (idempotent); {@link Listener#ended} follows with {@link EndKind#LOCAL} or not at all. */
        @Override
        void close();
    }

    /** Starts connecting; progress and the end arrive at {@code listener}. */
    Session open(Request request, Listener listener);
}
