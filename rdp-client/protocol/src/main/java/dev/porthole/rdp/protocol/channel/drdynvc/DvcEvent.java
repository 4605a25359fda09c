package dev.porthole.rdp.protocol.channel.drdynvc;

import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.PriorityCharges;
import io.netty.buffer.ByteBuf;

/**
 * What {@link DynamicChannelManager} asks its driver to do, or tells it happened. Buffers in events
 * belong to the driver, which releases them.
 */
public sealed interface DvcEvent {

    /** Send this PDU (at most 1,600 bytes) as one message on the DRDYNVC static channel. */
    record Send(ByteBuf pdu) implements DvcEvent {}

    /** Capabilities were exchanged: the version both sides use, and the server's priority charges (null for v1). */
    record CapabilitiesNegotiated(int version, PriorityCharges charges) implements DvcEvent {}

    /**
     * A listener deferred its decision on a new channel: call {@link DynamicChannelManager#accept}
     * or {@link DynamicChannelManager#refuse} for it.
     */
    record ChannelRequested(long channelId, String name, int priority) implements DvcEvent {}

    /** The channel is open: messages may flow both ways. */
    record ChannelOpened(long channelId, String name, int priority) implements DvcEvent {}

    /** A create request was refused (no listener, the listener said no, or a limit). */
    record ChannelRefused(long channelId, String name, String reason) implements DvcEvent {}

    /** One whole message arrived on an open channel (reassembled). The driver releases {@code message}. */
    record MessageReceived(long channelId, ByteBuf message) implements DvcEvent {}

    /** The channel is closed, whoever closed it; its id may now be reused by the server. */
    record ChannelClosed(long channelId, String name, CloseReason reason) implements DvcEvent {}

    /** Data arrived for a channel that is not open (for example one this client just closed) and was dropped. */
    record DataDropped(long channelId, int bytes) implements DvcEvent {}

    /** The server asked to move channels to multitransport tunnels; this client stays on DRDYNVC and does not answer. */
    record SoftSyncIgnored(DvcPdu.SoftSyncRequest request) implements DvcEvent {}

    /** Why a channel closed. */
    enum CloseReason {
        /** The server sent DYNVC_CLOSE. */
        SERVER,
        /** This client closed it ({@link DynamicChannelManager#close}). */
        CLIENT,
        /** An incoming message exceeded the reassembly cap; this client closed the channel. */
        MESSAGE_TOO_LARGE,
        /** The static channel went away ({@link DynamicChannelManager#disconnect}). */
        DISCONNECTED
    }
}
