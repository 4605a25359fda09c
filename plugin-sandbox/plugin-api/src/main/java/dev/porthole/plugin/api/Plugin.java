package dev.porthole.plugin.api;

/**
 * A vendor plugin (the counterpart of {@code IWTSPlugin}). The package manifest names the class
 * implementing it; it needs a public no-argument constructor. One instance lives as long as the
 * plugin process; a reconnect of the session calls {@link #connected()} again on the same instance.
 */
public interface Plugin {

    /**
     * First call, exactly once: create the listeners for the channel names the manifest declares.
     * Throwing fails the plugin start; the host reports the message and may retry later.
     *
     * @param channelManager the plugin's way to the session's dynamic virtual channels
     * @throws Exception any failure to initialise
     */
    void initialize(ChannelManager channelManager) throws Exception;

    /** The RDP session is connected; server applications may now open channels. */
    default void connected() {
    }

    /**
     * The RDP session was disconnected; every open channel has been closed before this call.
     *
     * @param reason the disconnect reason code (as the session reports it; 0 when unknown)
     */
    default void disconnected(int reason) {
    }

    /** The plugin is being shut down: release resources. No further calls follow. */
    default void terminated() {
    }
}
