package dev.porthole.plugin.api;

/**
 * Decides on channels opened to a listener (the counterpart of {@code IWTSListenerCallback}).
 */
@FunctionalInterface
public interface ListenerCallback {

    /**
     * A server application opened a channel to this listener.
     *
     * @param channel the new channel; writing to it is allowed only after accepting
     * @return the callback for the channel's messages to accept it, or {@code null} to refuse it
     */
    ChannelCallback onNewChannelConnection(Channel channel);
}
