package dev.porthole.rdp.protocol.channel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.capability.VirtualChannelCapabilitySet;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu;
import dev.porthole.rdp.protocol.pdu.rdp.VirtualChannelPdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The joined static virtual channels of one connection, sans I/O (MS-RDPBCGR 1.3.3, 3.1.5.2): maps
 * names to the MCS channel ids the server granted (TS_UD_SC_NET, in the order of the client's
 * CHANNEL_DEFs), reassembles each channel's incoming chunks into whole messages
 * ({@link ChunkReassembler}, bounded by {@code maxMessageSize}), and splits outgoing messages into
 * chunks of at most the server's VCChunkSize (2.2.7.1.10; 1,600 bytes when absent), each wrapped in a
 * CHANNEL_PDU_HEADER (2.2.6.1.1) and an MCS Send Data Request. Channel data is never compressed (this
 * client announces VCCAPS_NO_COMPR) and never encrypted (TLS/CredSSP only: no RDP security header).
 * Not thread-safe: one driver thread.
 */
public final class StaticChannels {

    static final String WHAT = "static channels";
    /** Largest VCChunkSize a server may announce (2.2.7.1.10). */
    public static final int MAX_CHUNK_SIZE = 16256;

    /** What an incoming chunk produced. */
    public sealed interface Event {}

    /** A whole message on channel {@code name}; the caller owns (and releases) {@code message}. */
    public record Message(String name, int channelId, ByteBuf message) implements Event {}

    /** A chunk (and perhaps the message it belonged to) was dropped; the channel carries on. */
    public record Discarded(String name, int channelId, int bytes, String reason) implements Event {}

    private record Joined(ChannelDef def, int id, ChunkReassembler reassembler) {}

    private final Map<Integer, Joined> byId = new HashMap<>();
    private final Map<String, Joined> byName = new LinkedHashMap<>();
    private int chunkSize = VirtualChannelCapabilitySet.CHANNEL_CHUNK_LENGTH;

    /**
     * @param requested      the CHANNEL_DEFs the client sent (TS_UD_CS_NET)
     * @param serverIds      the server's channel ids in the same order (TS_UD_SC_NET; 0 = not granted)
     * @param maxMessageSize largest reassembled incoming message, per channel
     */
    public StaticChannels(List<ChannelDef> requested, List<Integer> serverIds, int maxMessageSize, ByteBufAllocator alloc) {
        if (requested.size() != serverIds.size()) {
            throw RdpException.malformed("TS_UD_SC_NET", "channelIdArray", serverIds.size() + " ids for "
                    + requested.size() + " requested channels");
        }
        for (int i = 0; i < requested.size(); i++) {
            int id = serverIds.get(i);
            if (id == 0) {
                continue;
            }
            ChannelDef def = requested.get(i);
            Joined j = new Joined(def, id, new ChunkReassembler(maxMessageSize, alloc));
            if (byId.putIfAbsent(id, j) != null) {
                throw RdpException.malformed("TS_UD_SC_NET", "channelIdArray", "id " + id + " granted twice");
            }
            byName.putIfAbsent(def.name().toLowerCase(java.util.Locale.ROOT), j);
        }
    }

    /**
     * The server's Virtual Channel Capability Set (from Demand Active): outgoing chunks are at most its
     * VCChunkSize. An absent set or field, or a value outside 1,600..16,256, means 1,600 (3.1.5.2.1).
     */
    public void onServerCapability(VirtualChannelCapabilitySet caps) {
        Integer size = caps == null ? null : caps.vcChunkSize();
        chunkSize = size == null || size < VirtualChannelCapabilitySet.CHANNEL_CHUNK_LENGTH || size > MAX_CHUNK_SIZE
                ? VirtualChannelCapabilitySet.CHANNEL_CHUNK_LENGTH : size;
    }

    /** The largest chunk this client sends. */
    public int chunkSize() {
        return chunkSize;
    }

    /** Names of the granted channels, in request order. */
    public List<String> names() {
        return byName.values().stream().map(j -> j.def().name()).toList();
    }

    /** The MCS channel id of {@code name} (case-insensitive), when the server granted it. */
    public OptionalInt channelId(String name) {
        Joined j = byName.get(name.toLowerCase(java.util.Locale.ROOT));
        return j == null ? OptionalInt.empty() : OptionalInt.of(j.id());
    }

    /** The name of MCS channel {@code channelId}, when it is a granted static channel. */
    public Optional<String> name(int channelId) {
        Joined j = byId.get(channelId);
        return j == null ? Optional.empty() : Optional.of(j.def().name());
    }

    /**
     * One Send Data Indication's user data on a static channel (a CHANNEL_PDU_HEADER and a chunk). The
     * caller keeps ownership of {@code userData}.
     *
     * @return a {@link Message} when a message completed, a {@link Discarded} when something was
     *         dropped, nothing while chunks are pending
     * @throws RdpException MALFORMED when the chunk is shorter than its header
     */
    public List<Event> receive(int channelId, ByteBuf userData) {
        Joined j = byId.get(channelId);
        if (j == null) {
            return List.of(new Discarded(null, channelId, userData.readableBytes(), "channel " + channelId + " was not joined"));
        }
        VirtualChannelPdu pdu = VirtualChannelPdu.decode(userData);
        ChunkReassembler.Result r = j.reassembler().chunk(pdu);
        return switch (r) {
            case ChunkReassembler.Complete c -> List.of(new Message(j.def().name(), channelId, c.message()));
            case ChunkReassembler.Partial p -> List.of();
            case ChunkReassembler.Discarded d -> List.of(new Discarded(j.def().name(), channelId, pdu.data().readableBytes(),
                    d.reason()));
        };
    }

    /**
     * Encodes {@code message} (read, not released) for channel {@code name} as MCS Send Data Requests
     * from {@code userId}, one per chunk: CHANNEL_FLAG_FIRST on the first, CHANNEL_FLAG_LAST on the last,
     * CHANNEL_FLAG_SHOW_PROTOCOL on each when the channel was requested with CHANNEL_OPTION_SHOW_PROTOCOL.
     * The caller writes the buffers in order and owns them.
     *
     * @throws RdpException STATE when the channel was not granted
     */
    public List<ByteBuf> encode(String name, ByteBuf message, int userId, ByteBufAllocator alloc) {
        return encode(name, message, userId, alloc, null);
    }

    /**
     * {@link #encode(String, ByteBuf, int, ByteBufAllocator)}; under Standard RDP Security ({@code security} not
     * {@code null}) each chunk goes behind an encrypting Non-FIPS security header (MS-RDPBCGR 2.2.6.1). The chunks
     * are encrypted in order: the caller writes them before anything else is encrypted.
     */
    public List<ByteBuf> encode(String name, ByteBuf message, int userId, ByteBufAllocator alloc,
                                dev.porthole.rdp.protocol.security.StandardSecurity security) {
        Joined j = byName.get(name.toLowerCase(java.util.Locale.ROOT));
        if (j == null) {
            throw new RdpException(RdpException.Kind.STATE, WHAT + ": channel '" + name + "' was not granted by the server");
        }
        int total = message.readableBytes();
        int at = message.readerIndex();
        int show = (j.def().options() & ChannelDef.CHANNEL_OPTION_SHOW_PROTOCOL) != 0 ? VirtualChannelPdu.CHANNEL_FLAG_SHOW_PROTOCOL : 0;
        List<ByteBuf> out = new ArrayList<>(1 + total / chunkSize);
        int off = 0;
        try {
            do {
                int n = Math.min(chunkSize, total - off);
                int flags = show | (off == 0 ? VirtualChannelPdu.CHANNEL_FLAG_FIRST : 0)
                        | (off + n == total ? VirtualChannelPdu.CHANNEL_FLAG_LAST : 0);
                VirtualChannelPdu chunk = new VirtualChannelPdu(total, flags, message.slice(at + off, n));
                ByteBuf payload = alloc.buffer(chunk.size());
                try {
                    chunk.encode(payload);
                    if (security != null) {
                        ByteBuf sealed = alloc.buffer(dev.porthole.rdp.protocol.security.StandardSecurity.securedOverhead()
                                + payload.readableBytes());
                        try {
                            security.encodeSecured(0, payload, sealed);
                        } catch (RuntimeException e) {
                            sealed.release();
                            throw e;
                        }
                        payload.release();
                        payload = sealed;
                    }
                    DomainPdu.SendDataRequest sdr = new DomainPdu.SendDataRequest(userId, j.id(), payload);
                    ByteBuf frame = alloc.buffer(sdr.size());
                    out.add(frame);
                    sdr.encode(frame);
                } finally {
                    payload.release();
                }
                off += n;
            } while (off < total);
        } catch (RuntimeException e) {
            out.forEach(ByteBuf::release);
            throw e;
        }
        return out;
    }

    /** The connection is gone: drops every message in progress. */
    public void release() {
        byId.values().forEach(j -> j.reassembler().release());
    }
}
