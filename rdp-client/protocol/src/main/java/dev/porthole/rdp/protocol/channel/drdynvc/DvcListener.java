package dev.porthole.rdp.protocol.channel.drdynvc;

/**
 * A listener registered with {@link DynamicChannelManager#registerListener} under a channel name
 * (MS-RDPEDYC 3.1.1 "Listener"): it decides whether a server application may open a channel to it.
 * Built-in channels (display control, graphics) answer at once; the plugin host defers and answers
 * later through {@link DynamicChannelManager#accept} / {@link DynamicChannelManager#refuse}.
 */
@FunctionalInterface
public interface DvcListener {

    /** A listener's answer to a create request. */
    enum Decision {
        /** Open the channel now (DYNVC_CREATE_RSP with S_OK). */
        ACCEPT,
        /** Refuse the channel now (DYNVC_CREATE_RSP with E_ACCESSDENIED). */
        REFUSE,
        /** Answer later; the manager emits {@link DvcEvent.ChannelRequested}. */
        DEFER
    }

    /** Called for each DYNVC_CREATE_REQ naming this listener. Must not call back into the manager. */
    Decision onCreateRequest(long channelId, String name, int priority);
}
