package dev.porthole.plugin.api;

/**
 * An open dynamic virtual channel (the counterpart of {@code IWTSVirtualChannel}). May be used from
 * any thread.
 */
public interface Channel {

    /** The channel name (the listener's name). */
    String name();

    /** The channel id the server chose; unique among open channels of the session. */
    long id();

    /**
     * Queues a message for the server application; returns at once (asynchronous). The bytes are
     * copied, so the array may be reused on return. Each call arrives at the server as one message.
     *
     * @param message the message, at most the host's message size limit
     * @throws PluginException {@link PluginException.Reason#CLOSED} on a closed channel,
     *                         {@link PluginException.Reason#BACKPRESSURE} when too many bytes are already
     *                         queued (slow down and retry), {@link PluginException.Reason#TOO_LARGE} when the
     *                         message exceeds the limit
     */
    default void write(byte[] message) {
        write(message, 0, message.length);
    }

    /** Like {@link #write(byte[])} for {@code length} bytes of {@code message} starting at {@code offset}. */
    void write(byte[] message, int offset, int length);

    /**
     * Bytes that can be queued now without {@link PluginException.Reason#BACKPRESSURE}; a hint, since
     * other threads may write too.
     */
    long writableBytes();

    /**
     * Closes the channel: pending writes are cancelled, the server is told, and
     * {@link ChannelCallback#onClose()} follows (later, never from inside this call). Idempotent.
     */
    void close();

    /** Whether the channel is still open. */
    boolean isOpen();
}
