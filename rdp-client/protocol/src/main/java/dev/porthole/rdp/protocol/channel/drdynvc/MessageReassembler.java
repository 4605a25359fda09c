package dev.porthole.rdp.protocol.channel.drdynvc;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Reassembly of one channel's fragmented messages (MS-RDPEDYC 3.1.5.2.3): a DYNVC_DATA_FIRST
 * announces the total length, DYNVC_DATA blocks follow until it is reached; a DYNVC_DATA with no
 * message in progress is a whole message. Memory is bounded: a message longer than the cap is
 * refused before anything is buffered, and the buffer grows with the bytes that actually arrive
 * (an announced length alone allocates nothing large).
 */
public final class MessageReassembler {

    static final String PDU = "DVC reassembly";

    /** What one block produced. */
    public sealed interface Result {}

    /** A whole message; the caller owns (and releases) it. */
    public record Complete(ByteBuf message) implements Result {}

    /** More blocks are needed. */
    public record Partial(long received, long total) implements Result {}

    /** The announced message is longer than the cap; nothing was kept. */
    public record TooLarge(long total, long cap) implements Result {}

    private static final Partial NONE = new Partial(0, 0);
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final long cap;
    private ByteBuf pending;
    private long expected;

    /** @param cap the largest message (bytes) this reassembler accepts */
    public MessageReassembler(long cap) {
        if (cap < DvcPdu.MAX_SINGLE_DATA || cap > Integer.MAX_VALUE - 8) {
            throw RdpException.argument(PDU, "cap", cap + " outside " + DvcPdu.MAX_SINGLE_DATA + ".." + (Integer.MAX_VALUE - 8));
        }
        this.cap = cap;
    }

    /** Whether a fragmented message is in progress. */
    public boolean inProgress() {
        return pending != null;
    }

    /** Handles a DYNVC_DATA_FIRST block. The block is copied; the caller keeps ownership of it. */
    public Result dataFirst(long totalLength, ByteBuf block) {
        if (pending != null) {
            throw new RdpException(RdpException.Kind.STATE, "DYNVC_DATA_FIRST.Length: a new message started after "
                    + pending.readableBytes() + " of " + expected + " bytes of the previous one");
        }
        if (block.readableBytes() > totalLength) {
            throw RdpException.malformed("DYNVC_DATA_FIRST", "Data", block.readableBytes() + " bytes exceed Length " + totalLength);
        }
        if (totalLength > cap) {
            return new TooLarge(totalLength, cap);
        }
        int total = (int) totalLength;
        ByteBuf buf = Unpooled.buffer(Math.min(total, INITIAL_CAPACITY), total);
        buf.writeBytes(block, block.readerIndex(), block.readableBytes());
        if (buf.readableBytes() == total) {
            return new Complete(buf);
        }
        pending = buf;
        expected = total;
        return new Partial(buf.readableBytes(), total);
    }

    /** Handles a DYNVC_DATA block: the next fragment, or a whole message. The block is copied. */
    public Result data(ByteBuf block) {
        if (pending == null) {
            if (block.readableBytes() > cap) {
                return new TooLarge(block.readableBytes(), cap);
            }
            ByteBuf whole = Unpooled.buffer(block.readableBytes());
            whole.writeBytes(block, block.readerIndex(), block.readableBytes());
            return new Complete(whole);
        }
        long after = (long) pending.readableBytes() + block.readableBytes();
        if (after > expected) {
            long had = pending.readableBytes();
            release();
            throw RdpException.malformed("DYNVC_DATA", "Data", "block of " + block.readableBytes() + " bytes overruns the message: "
                    + had + " of " + expected + " bytes were already received");
        }
        pending.writeBytes(block, block.readerIndex(), block.readableBytes());
        if (after == expected) {
            ByteBuf done = pending;
            pending = null;
            expected = 0;
            return new Complete(done);
        }
        return new Partial(after, expected);
    }

    /** Drops any message in progress. */
    public void release() {
        if (pending != null) {
            pending.release();
            pending = null;
            expected = 0;
        }
    }

    /** Progress of the message in progress, or (0, 0). */
    public Partial progress() {
        return pending == null ? NONE : new Partial(pending.readableBytes(), expected);
    }
}
