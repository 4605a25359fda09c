package dev.porthole.rdp.protocol.channel.drdynvc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcEvent.CloseReason;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.CapabilitiesRequest;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.CapabilitiesResponse;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.Close;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.CreateRequest;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.CreateResponse;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.Data;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.DataCompressed;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.DataFirst;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.DataFirstCompressed;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.SoftSyncRequest;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.SoftSyncResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The client DVC manager of MS-RDPEDYC (section 3.2), sans I/O: the driver feeds it each whole
 * message of the DRDYNVC static channel and the higher layer's requests, and gets back
 * {@link DvcEvent}s — PDUs to send and what happened to channels.
 *
 * <ul>
 *   <li>Capabilities: answers the server's request with {@code min(server, maxVersion)}.</li>
 *   <li>Create: looks the name up in the listener registry; no listener, a refusal or the channel
 *       limit → DYNVC_CREATE_RSP with a failure HRESULT (the id is not kept, 3.2.3.2.1).</li>
 *   <li>Data: reassembles DATA_FIRST/DATA into whole messages, up to {@code maxMessageSize}; a longer
 *       message closes that channel (the connection carries on). Writes are fragmented into PDUs of at
 *       most 1,600 bytes: a single DYNVC_DATA up to 1,590 bytes, DATA_FIRST (+ DATA) otherwise.</li>
 *   <li>Close: a server close is answered and reported; a client close is sent unsolicited (3.2.5.2);
 *       a close for an unknown id is ignored.</li>
 *   <li>Compressed data (version 3): DATA_FIRST_COMPRESSED/DATA_COMPRESSED blocks go through a per-channel
 *       RDP8-lite decompressor ({@link Rdp8Decompressor}, MS-RDPEGFX 3.1.9.1 with the 2.2.3.3 limits) and
 *       then into the same reassembly; a message may mix compressed and plain blocks. Like FreeRDP, plain
 *       blocks do not enter the decompression history. Writes are never compressed.</li>
 * </ul>
 *
 * Malformed or out-of-sequence PDUs throw {@link RdpException}; per 3.1.5.2.4 the driver then
 * terminates the static channel connection. Not thread-safe: one driver thread, except that the
 * listener registry may be changed from any thread. Priority classes are reported, not scheduled
 * (3.3.3.2: "no processing specified").
 */
public final class DynamicChannelManager {

    static final String PDU = "DRDYNVC";

    /**
     * Limits and capabilities.
     *
     * @param maxVersion     the highest MS-RDPEDYC version to answer with (1..3; 3 accepts compressed data)
     * @param maxMessageSize largest reassembled incoming message, in bytes
     * @param maxChannels    most channels open or pending at once
     */
    public record Settings(int maxVersion, int maxMessageSize, int maxChannels) {
        public Settings {
            if (maxVersion < 1 || maxVersion > 3) {
                throw RdpException.argument("DynamicChannelManager.Settings", "maxVersion", maxVersion + " is not 1, 2 or 3");
            }
            if (maxMessageSize < DvcPdu.MAX_SINGLE_DATA) {
                throw RdpException.argument("DynamicChannelManager.Settings", "maxMessageSize", maxMessageSize + " < " + DvcPdu.MAX_SINGLE_DATA);
            }
            if (maxChannels < 1) {
                throw RdpException.argument("DynamicChannelManager.Settings", "maxChannels", maxChannels + " < 1");
            }
        }

        /** Version 3, 16 MiB messages, 64 channels. */
        public static Settings defaults() {
            return new Settings(3, 16 * 1024 * 1024, 64);
        }
    }

    private enum State { OPENING, OPEN }

    private static final class Channel {
        final long id;
        final String name;
        final int priority;
        State state;
        final MessageReassembler reassembler;
        Rdp8Decompressor decompressor; // created at the first compressed block

        Channel(long id, String name, int priority, State state, long cap) {
            this.id = id;
            this.name = name;
            this.priority = priority;
            this.state = state;
            this.reassembler = new MessageReassembler(cap);
        }
    }

    private final Settings settings;
    private final Map<String, DvcListener> listeners = new ConcurrentHashMap<>();
    private final Map<Long, Channel> channels = new LinkedHashMap<>();
    private int version; // 0 until capabilities are exchanged

    public DynamicChannelManager(Settings settings) {
        this.settings = settings;
    }

    /** Registers (or replaces) the listener for channel {@code name}. Existing channels are unaffected (3.1.1). */
    public void registerListener(String name, DvcListener listener) {
        if (name == null || name.isEmpty() || name.length() > DvcPdu.MAX_CHANNEL_NAME) {
            throw RdpException.argument(PDU, "listenerName", "must have 1 to " + DvcPdu.MAX_CHANNEL_NAME + " characters");
        }
        listeners.put(name, listener);
    }

    /** Removes the listener for {@code name}; open channels stay open. Returns whether one was registered. */
    public boolean unregisterListener(String name) {
        return listeners.remove(name) != null;
    }

    /** The negotiated version, or 0 before the capabilities exchange. */
    public int version() {
        return version;
    }

    /** Whether {@code channelId} is open. */
    public boolean isOpen(long channelId) {
        Channel c = channels.get(channelId);
        return c != null && c.state == State.OPEN;
    }

    /** Number of channels open or awaiting a decision. */
    public int channelCount() {
        return channels.size();
    }

    /**
     * Handles one whole DRDYNVC message from the server. The caller keeps ownership of {@code message}
     * (nothing returned refers to it).
     *
     * @throws RdpException MALFORMED, STATE or UNSUPPORTED: terminate the static channel connection
     */
    public List<DvcEvent> receive(ByteBuf message) {
        DvcPdu pdu = DvcPdu.decodeFromServer(message);
        List<DvcEvent> out = new ArrayList<>(2);
        switch (pdu) {
            case CapabilitiesRequest caps -> {
                // Answered again if repeated (servers re-sending caps exist; FreeRDP answers too).
                version = Math.min(caps.version(), settings.maxVersion());
                send(out, new CapabilitiesResponse(version));
                out.add(new DvcEvent.CapabilitiesNegotiated(version, version >= 2 ? caps.charges() : null));
            }
            case CreateRequest create -> onCreate(create, out);
            case DataFirst df -> {
                Channel c = dataChannel(df.channelId(), df.data().readableBytes(), out);
                if (c != null) {
                    onResult(c, c.reassembler.dataFirst(df.totalLength(), df.data()), out);
                }
            }
            case Data d -> {
                Channel c = dataChannel(d.channelId(), d.data().readableBytes(), out);
                if (c != null) {
                    onResult(c, c.reassembler.data(d.data()), out);
                }
            }
            case DataFirstCompressed dfc -> {
                Channel c = compressedChannel(dfc.channelId(), dfc.data().readableBytes(), out);
                if (c != null) {
                    ByteBuf plain = c.decompressor.decompress(dfc.data());
                    try {
                        onResult(c, c.reassembler.dataFirst(dfc.totalLength(), plain), out);
                    } finally {
                        plain.release();
                    }
                }
            }
            case DataCompressed dc -> {
                Channel c = compressedChannel(dc.channelId(), dc.data().readableBytes(), out);
                if (c != null) {
                    ByteBuf plain = c.decompressor.decompress(dc.data());
                    try {
                        onResult(c, c.reassembler.data(plain), out);
                    } finally {
                        plain.release();
                    }
                }
            }
            case Close close -> {
                Channel c = channels.remove(close.channelId());
                if (c != null) { // 3.2.5.2: a close for an unknown id is ignored and not answered
                    c.reassembler.release();
                    send(out, new Close(c.id));
                    out.add(new DvcEvent.ChannelClosed(c.id, c.name, CloseReason.SERVER));
                }
            }
            case SoftSyncRequest ssr -> {
                requireCapabilities(ssr);
                out.add(new DvcEvent.SoftSyncIgnored(ssr));
            }
            case CapabilitiesResponse r -> throw new RdpException(RdpException.Kind.STATE, PDU + ": a server sent DYNVC_CAPS_RSP");
            case CreateResponse r -> throw new RdpException(RdpException.Kind.STATE, PDU + ": a server sent DYNVC_CREATE_RSP");
            case SoftSyncResponse r -> throw new RdpException(RdpException.Kind.STATE, PDU + ": a server sent DYNVC_SOFT_SYNC_RESPONSE");
        }
        return out;
    }

    /** Accepts a channel whose listener deferred. No effect (empty list) when it is no longer pending. */
    public List<DvcEvent> accept(long channelId) {
        Channel c = channels.get(channelId);
        List<DvcEvent> out = new ArrayList<>(2);
        if (c != null && c.state == State.OPENING) {
            c.state = State.OPEN;
            send(out, new CreateResponse(channelId, CreateResponse.S_OK));
            out.add(new DvcEvent.ChannelOpened(c.id, c.name, c.priority));
        }
        return out;
    }

    /** Refuses a channel whose listener deferred. No effect when it is no longer pending. */
    public List<DvcEvent> refuse(long channelId, String reason) {
        Channel c = channels.get(channelId);
        List<DvcEvent> out = new ArrayList<>(2);
        if (c != null && c.state == State.OPENING) {
            channels.remove(channelId);
            send(out, new CreateResponse(channelId, CreateResponse.E_ACCESSDENIED));
            out.add(new DvcEvent.ChannelRefused(c.id, c.name, reason));
        }
        return out;
    }

    /**
     * Sends {@code message} (read, not released, not retained) on an open channel, fragmented into
     * PDUs of at most 1,600 bytes.
     *
     * @throws RdpException STATE when the channel is not open, ARGUMENT when the message exceeds 2^32-1 bytes
     */
    public List<DvcEvent> write(long channelId, ByteBuf message) {
        Channel c = channels.get(channelId);
        if (c == null || c.state != State.OPEN) {
            throw new RdpException(RdpException.Kind.STATE, PDU + ": channel " + channelId + " is not open for writing");
        }
        int total = message.readableBytes();
        int at = message.readerIndex();
        List<DvcEvent> out = new ArrayList<>(1 + total / DvcPdu.MAX_PDU_SIZE);
        if (total <= DvcPdu.MAX_SINGLE_DATA) {
            send(out, new Data(channelId, message.slice(at, total)));
            return out;
        }
        // 2.2.3.1: when header + Length < 1,600 the Data First carries the whole message
        int firstBlock = Math.min(total, DvcPdu.MAX_PDU_SIZE - DataFirst.headerSize(channelId, total));
        send(out, new DataFirst(channelId, total, message.slice(at, firstBlock)));
        int blockMax = DvcPdu.MAX_PDU_SIZE - Data.headerSize(channelId);
        for (int off = firstBlock; off < total; off += blockMax) {
            send(out, new Data(channelId, message.slice(at + off, Math.min(blockMax, total - off))));
        }
        return out;
    }

    /** Closes a channel from the client side (unsolicited DYNVC_CLOSE). No effect when it is not known. */
    public List<DvcEvent> close(long channelId) {
        Channel c = channels.remove(channelId);
        List<DvcEvent> out = new ArrayList<>(2);
        if (c != null) {
            c.reassembler.release();
            if (c.state == State.OPENING) {
                send(out, new CreateResponse(channelId, CreateResponse.E_ACCESSDENIED));
                out.add(new DvcEvent.ChannelRefused(c.id, c.name, "closed before it was accepted"));
            } else {
                send(out, new Close(channelId));
                out.add(new DvcEvent.ChannelClosed(c.id, c.name, CloseReason.CLIENT));
            }
        }
        return out;
    }

    /** The static channel is gone: every channel is closed (no PDUs), and capabilities must be exchanged again. */
    public List<DvcEvent> disconnect() {
        List<DvcEvent> out = new ArrayList<>(channels.size());
        for (Channel c : channels.values()) {
            c.reassembler.release();
            if (c.state == State.OPEN) {
                out.add(new DvcEvent.ChannelClosed(c.id, c.name, CloseReason.DISCONNECTED));
            } else {
                out.add(new DvcEvent.ChannelRefused(c.id, c.name, "static channel disconnected"));
            }
        }
        channels.clear();
        version = 0;
        return out;
    }

    private void onCreate(CreateRequest create, List<DvcEvent> out) {
        requireCapabilities(create);
        long id = create.channelId();
        String name = create.channelName();
        if (channels.containsKey(id)) {
            throw new RdpException(RdpException.Kind.STATE, CreateRequest.PDU + ".ChannelId: " + id + " is already in use by '"
                    + channels.get(id).name + "'");
        }
        DvcListener listener = listeners.get(name);
        int priority = version >= 2 ? create.priority() : 0;
        if (listener == null) {
            send(out, new CreateResponse(id, CreateResponse.E_FAIL));
            out.add(new DvcEvent.ChannelRefused(id, name, "no listener named '" + name + "'"));
            return;
        }
        if (channels.size() >= settings.maxChannels()) {
            send(out, new CreateResponse(id, CreateResponse.E_FAIL));
            out.add(new DvcEvent.ChannelRefused(id, name, "channel limit " + settings.maxChannels() + " reached"));
            return;
        }
        DvcListener.Decision decision = listener.onCreateRequest(id, name, priority);
        switch (decision == null ? DvcListener.Decision.REFUSE : decision) {
            case ACCEPT -> {
                channels.put(id, new Channel(id, name, priority, State.OPEN, settings.maxMessageSize()));
                send(out, new CreateResponse(id, CreateResponse.S_OK));
                out.add(new DvcEvent.ChannelOpened(id, name, priority));
            }
            case REFUSE -> {
                send(out, new CreateResponse(id, CreateResponse.E_ACCESSDENIED));
                out.add(new DvcEvent.ChannelRefused(id, name, "refused by the listener"));
            }
            case DEFER -> {
                channels.put(id, new Channel(id, name, priority, State.OPENING, settings.maxMessageSize()));
                out.add(new DvcEvent.ChannelRequested(id, name, priority));
            }
        }
    }

    private Channel dataChannel(long id, int bytes, List<DvcEvent> out) {
        Channel c = channels.get(id);
        if (c == null) {
            out.add(new DvcEvent.DataDropped(id, bytes));
            return null;
        }
        if (c.state != State.OPEN) {
            throw new RdpException(RdpException.Kind.STATE, PDU + ": data for channel " + id + " before its create response");
        }
        return c;
    }

    private void onResult(Channel c, MessageReassembler.Result result, List<DvcEvent> out) {
        switch (result) {
            case MessageReassembler.Complete done -> out.add(new DvcEvent.MessageReceived(c.id, done.message()));
            case MessageReassembler.Partial p -> { }
            case MessageReassembler.TooLarge big -> {
                channels.remove(c.id);
                c.reassembler.release();
                send(out, new Close(c.id));
                out.add(new DvcEvent.ChannelClosed(c.id, c.name, CloseReason.MESSAGE_TOO_LARGE));
            }
        }
    }

    private Channel compressedChannel(long channelId, int bytes, List<DvcEvent> out) {
        if (version < 3) {
            throw new RdpException(RdpException.Kind.STATE, PDU + ": compressed data on channel " + channelId
                    + " but version " + version + " was negotiated (compression needs 3)");
        }
        Channel c = dataChannel(channelId, bytes, out);
        if (c != null && c.decompressor == null) {
            c.decompressor = Rdp8Decompressor.lite(settings.maxMessageSize());
        }
        return c;
    }

    private void requireCapabilities(DvcPdu pdu) {
        if (version == 0) {
            throw new RdpException(RdpException.Kind.STATE, PDU + ": " + pdu.getClass().getSimpleName()
                    + " before the capabilities exchange");
        }
    }

    private static void send(List<DvcEvent> out, DvcPdu pdu) {
        ByteBuf buf = Unpooled.buffer(pdu.size());
        pdu.encode(buf);
        if (buf.readableBytes() != pdu.size()) {
            buf.release();
            throw new IllegalStateException(pdu.getClass().getSimpleName() + " encoded " + buf.readableBytes()
                    + " bytes, size() says " + pdu.size());
        }
        out.add(new DvcEvent.Send(buf));
    }
}
