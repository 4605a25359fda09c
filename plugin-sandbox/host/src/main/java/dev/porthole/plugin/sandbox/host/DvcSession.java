package dev.porthole.plugin.sandbox.host;

/**
 * The RDP session's dynamic virtual channels as the plugin host needs them. The device agent
 * implements it over the RDP client's {@code DynamicChannelManager} (registering each name as a
 * deferring listener); tests and the certification tool use {@link LoopbackSession}.
 *
 * <p>Contract for implementations: every method may be called from any thread and must not block;
 * callbacks into the host ({@link DvcListener}, {@link DvcChannelHandler}) may come from any single
 * thread at a time per channel and must not be made while holding locks the host's calls need.
 */
public interface DvcSession {

    /**
     * Routes create requests for {@code channelName} to {@code listener}.
     *
     * @return false when the name already has a listener (another plugin or a built-in channel)
     */
    boolean listen(String channelName, DvcListener listener);

    /** Stops routing {@code channelName}; open channels stay open. */
    void unlisten(String channelName);

    /** Receives create requests for one channel name. */
    @FunctionalInterface
    interface DvcListener {
        /** A server application opened a channel: answer {@code request} once, from any thread. */
        void onChannelRequest(DvcRequest request);
    }

    /** A pending create request; answer it exactly once. */
    interface DvcRequest {
        long channelId();

        String channelName();

        /** Opens the channel; messages and the close then go to {@code handler}. */
        DvcChannel accept(DvcChannelHandler handler);

        /** Refuses it (the server gets a failure HRESULT). */
        void refuse(String reason);
    }

    /** An open channel, toward the server. */
    interface DvcChannel {
        /**
         * Sends one whole message (the session fragments it). Takes ownership of the array.
         * {@code sent} runs once the session has taken the message off the host's hands (handed to the
         * transport), which is when the host grants the plugin more credit.
         */
        void write(byte[] message, Runnable sent);

        /** Closes the channel toward the server; the handler's {@code onClosed} follows (once). */
        void close();
    }

    /** Receives one channel's server messages and its close. */
    interface DvcChannelHandler {
        /** One whole message from the server application; the host owns the array. */
        void onMessage(byte[] message);

        /** The channel closed (by the server, by {@link DvcChannel#close()}, or by a disconnect). Once. */
        void onClosed();
    }
}
