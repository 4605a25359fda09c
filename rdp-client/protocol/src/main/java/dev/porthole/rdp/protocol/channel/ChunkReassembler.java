package dev.porthole.rdp.protocol.channel;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.rdp.VirtualChannelPdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Reassembly of one static virtual channel's chunks into whole messages (MS-RDPBCGR 3.1.5.2.2.1 and
 * 2.2.6.1.1): a chunk with CHANNEL_FLAG_FIRST starts a message of the CHANNEL_PDU_HEADER {@code length},
 * chunks follow until one carries CHANNEL_FLAG_LAST. Memory is bounded: a message announced longer
 * than the cap is skipped (its chunks are dropped) without buffering anything, and the buffer grows
 * only with the bytes that actually arrive. A chunk that breaks the sequence discards the message in
 * progress and is reported; the channel then waits for the next CHANNEL_FLAG_FIRST. Not thread-safe.
 */
public final class ChunkReassembler {

    static final String WHAT = "static channel reassembly";

    /** What one chunk produced. */
    public sealed interface Result {}

    /** A whole message; the caller owns (and releases) it. */
    public record Complete(ByteBuf message) implements Result {}

    /** More chunks are needed. */
    public record Partial(int received, int total) implements Result {}

    /** The chunk (and any message in progress) was dropped, for {@code reason}. */
    public record Discarded(String reason) implements Result {}

    private static final int INITIAL_CAPACITY = 16 * 1024;

    private final int cap;
    private final ByteBufAllocator alloc;
    private ByteBuf pending;
    private int expected;
    private boolean skipping;

    /** @param cap the largest message (bytes) this channel accepts, at least 1 */
    public ChunkReassembler(int cap, ByteBufAllocator alloc) {
        if (cap < 1) {
            throw RdpException.argument(WHAT, "cap", cap + " < 1");
        }
        this.cap = cap;
        this.alloc = alloc;
    }

    /**
     * One chunk. {@code chunk.data()} is read, not retained.
     */
    public Result chunk(VirtualChannelPdu chunk) {
        int flags = chunk.flags();
        ByteBuf data = chunk.data();
        int n = data.readableBytes();
        if ((flags & VirtualChannelPdu.CHANNEL_PACKET_COMPRESSED) != 0) {
            boolean first = (flags & VirtualChannelPdu.CHANNEL_FLAG_FIRST) != 0;
            boolean last = (flags & VirtualChannelPdu.CHANNEL_FLAG_LAST) != 0;
            drop();
            skipping = !last && (first || skipping);
            return new Discarded("compressed chunk (flags 0x" + Integer.toHexString(flags)
                    + ") but this client announced VCCAPS_NO_COMPR");
        }
        long total = chunk.length() & 0xFFFFFFFFL;
        if ((flags & VirtualChannelPdu.CHANNEL_FLAG_FIRST) != 0) {
            String interrupted = pending != null ? "; the previous message (" + pending.readableBytes() + " of " + expected
                    + " bytes) was discarded" : "";
            drop();
            skipping = false;
            if (total > cap) {
                skipping = (flags & VirtualChannelPdu.CHANNEL_FLAG_LAST) == 0;
                return new Discarded("CHANNEL_PDU_HEADER.length " + total + " exceeds the cap of " + cap + " bytes" + interrupted);
            }
            if (n > total) {
                return new Discarded("first chunk carries " + n + " bytes, more than CHANNEL_PDU_HEADER.length " + total + interrupted);
            }
            if ((flags & VirtualChannelPdu.CHANNEL_FLAG_LAST) != 0) {
                if (n != total) {
                    return new Discarded("single chunk carries " + n + " bytes but CHANNEL_PDU_HEADER.length is " + total + interrupted);
                }
                ByteBuf whole = alloc.buffer(n);
                whole.writeBytes(data, data.readerIndex(), n);
                return new Complete(whole);
            }
            expected = (int) total;
            pending = alloc.buffer(Math.min(expected, Math.max(INITIAL_CAPACITY, n)), expected);
            pending.writeBytes(data, data.readerIndex(), n);
            return new Partial(n, expected);
        }
        if (pending == null) {
            if (skipping) {
                skipping = (flags & VirtualChannelPdu.CHANNEL_FLAG_LAST) == 0;
                return new Discarded("chunk of a message over the cap");
            }
            return new Discarded("chunk without CHANNEL_FLAG_FIRST and no message in progress");
        }
        if (total != expected) {
            String reason = "CHANNEL_PDU_HEADER.length changed from " + expected + " to " + total + " within a message";
            drop();
            return new Discarded(reason);
        }
        if (pending.readableBytes() + (long) n > expected) {
            String reason = "chunks carry more than CHANNEL_PDU_HEADER.length " + expected + " (" + pending.readableBytes() + " + " + n + ")";
            drop();
            return new Discarded(reason);
        }
        pending.writeBytes(data, data.readerIndex(), n);
        if ((flags & VirtualChannelPdu.CHANNEL_FLAG_LAST) == 0) {
            return new Partial(pending.readableBytes(), expected);
        }
        if (pending.readableBytes() != expected) {
            String reason = "last chunk ends the message at " + pending.readableBytes() + " of CHANNEL_PDU_HEADER.length " + expected + " bytes";
            drop();
            return new Discarded(reason);
        }
        ByteBuf whole = pending;
        pending = null;
        return new Complete(whole);
    }

    /** Whether a message is in progress. */
    public boolean inProgress() {
        return pending != null;
    }

    /** Drops any message in progress (releases its buffer). */
    public void release() {
        drop();
        skipping = false;
    }

    private void drop() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        expected = 0;
    }
}
