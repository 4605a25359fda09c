package dev.porthole.plugin.api;

/**
 * The plugin's view of the session's dynamic virtual channels (the counterpart of
 * {@code IWTSVirtualChannelManager}). May be called from any thread.
 */
public interface ChannelManager {

    /**
     * Starts listening for channels that server applications open with this name (the name they pass
     * to {@code WTSVirtualChannelOpenEx(..., WTS_CHANNEL_OPTION_DYNAMIC)}).
     *
     * @param channelName a name the package manifest declares (case-sensitive)
     * @param callback    decides on each new channel
     * @return the listener, which can be closed to stop listening
     * @throws PluginException {@link PluginException.Reason#NOT_DECLARED} when the manifest does not declare
     *                         the name, {@link PluginException.Reason#ILLEGAL_STATE} when the name already
     *                         has a listener or the plugin is terminated
     */
    Listener createListener(String channelName, ListenerCallback callback);

    /** The plugin id from the package manifest. */
    String pluginId();
}
