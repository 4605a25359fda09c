package dev.porthole.plugin.api;

/** A listener created by {@link ChannelManager#createListener} (the counterpart of {@code IWTSListener}). */
public interface Listener {

    /** The channel name listened on. */
    String channelName();

    /** Stops listening; channels already open stay open. Idempotent. */
    void close();
}
