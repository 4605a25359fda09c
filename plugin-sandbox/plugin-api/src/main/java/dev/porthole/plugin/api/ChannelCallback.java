package dev.porthole.plugin.api;

/** Receives one channel's messages and its closing (the counterpart of {@code IWTSVirtualChannelCallback}). */
public interface ChannelCallback {

    /**
     * One whole message from the server application: the same bytes it wrote in one call.
     *
     * @param message the message; the array belongs to the plugin from now on
     */
    void onDataReceived(byte[] message);

    /**
     * The channel is closed: by the server, by the plugin's own {@link Channel#close()}, or because
     * the session disconnected. Called once; no data follows. Calling {@link Channel#close()} from here
     * is a no-op.
     */
    default void onClose() {
    }
}
