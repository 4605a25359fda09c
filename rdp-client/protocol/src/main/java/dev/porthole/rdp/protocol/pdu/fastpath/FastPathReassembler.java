package dev.porthole.rdp.protocol.pdu.fastpath;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Reassembly of fragmented fast-path updates (MS-RDPBCGR 3.2.5.9.3.1): FIRST, any number of NEXT, LAST,
 * all with the same updateCode, copied into one buffer that never grows beyond {@code maxSize} (the
 * MaxRequestSize this client announced in its Multifragment Update Capability Set). Any other sequence,
 * or data beyond the cap, is MALFORMED and drops what was collected. Feed each fragment after bulk
 * decompression. Not thread-safe: one per connection, on its event loop.
 *
 * <p>Ownership: the reassembler copies fragment data and never keeps the caller's buffers. A returned
 * {@link Reassembled#data()} belongs to the caller, who must release it; {@link #close()} releases a
 * partial update.
 */
public final class FastPathReassembler implements AutoCloseable {

    static final String PDU = "fast-path fragments";

    /** A complete update's code and data (owned by the caller). */
    public record Reassembled(int updateCode, ByteBuf data) {}

    private final ByteBufAllocator allocator;
    private final int maxSize;
    private ByteBuf buffer;
    private int updateCode = -1;

    public FastPathReassembler(ByteBufAllocator allocator, int maxSize) {
        if (maxSize <= 0) {
            throw RdpException.argument(PDU, "maxSize", maxSize + " must be positive");
        }
        this.allocator = allocator;
        this.maxSize = maxSize;
    }

    public int maxSize() {
        return maxSize;
    }

    /** Bytes held for the update in progress (0 when none). */
    public int bufferedBytes() {
        return buffer == null ? 0 : buffer.readableBytes();
    }

    public boolean inProgress() {
        return buffer != null;
    }

    /** Feeds an uncompressed update as decoded from the wire. */
    public Reassembled accept(FastPathUpdate update) {
        if (update.compressed()) {
            throw new RdpException(RdpException.Kind.STATE, PDU + ": compressed fragments must be decompressed first");
        }
        return accept(update.updateCode(), update.fragmentation(), update.updateData());
    }

    /**
     * Feeds one update's (decompressed) data. Returns the complete update for SINGLE and LAST, or
     * {@code null} while a sequence is in progress. {@code data} is read but not consumed or released.
     */
    public Reassembled accept(int updateCode, int fragmentation, ByteBuf data) {
        int n = data.readableBytes();
        switch (fragmentation) {
            case FastPathUpdate.FASTPATH_FRAGMENT_SINGLE -> {
                if (buffer != null) {
                    throw fail("a single update arrived while update " + this.updateCode + " was being reassembled");
                }
                return new Reassembled(updateCode, data.retainedSlice());
            }
            case FastPathUpdate.FASTPATH_FRAGMENT_FIRST -> {
                if (buffer != null) {
                    throw fail("a FIRST fragment arrived while update " + this.updateCode + " was being reassembled");
                }
                if (n > maxSize) {
                    throw fail("a first fragment of " + n + " bytes exceeds the " + maxSize + "-byte reassembly buffer");
                }
                buffer = allocator.buffer(Math.min(maxSize, Math.max(n * 2, 256)), maxSize);
                this.updateCode = updateCode;
                buffer.writeBytes(data, data.readerIndex(), n);
                return null;
            }
            case FastPathUpdate.FASTPATH_FRAGMENT_NEXT, FastPathUpdate.FASTPATH_FRAGMENT_LAST -> {
                if (buffer == null) {
                    throw fail((fragmentation == FastPathUpdate.FASTPATH_FRAGMENT_NEXT ? "NEXT" : "LAST")
                            + " fragment without a FIRST");
                }
                if (updateCode != this.updateCode) {
                    throw fail("fragment of update " + updateCode + " inside update " + this.updateCode);
                }
                if (n > maxSize - buffer.readableBytes()) {
                    throw fail("update exceeds the " + maxSize + "-byte reassembly buffer");
                }
                buffer.writeBytes(data, data.readerIndex(), n);
                if (fragmentation == FastPathUpdate.FASTPATH_FRAGMENT_NEXT) {
                    return null;
                }
                Reassembled done = new Reassembled(updateCode, buffer);
                buffer = null;
                this.updateCode = -1;
                return done;
            }
            default -> throw RdpException.argument(PDU, "fragmentation", "unknown value " + fragmentation);
        }
    }

    private RdpException fail(String problem) {
        reset();
        return RdpException.malformed(PDU, "fragmentation", problem);
    }

    /** Drops the update in progress. */
    public void reset() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
        updateCode = -1;
    }

    @Override
    public void close() {
        reset();
    }
}
