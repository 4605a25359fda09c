package dev.porthole.rdp.protocol.pdu.fastpath;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.rdp.protocol.Decoding;
import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * Fuzz targets for fast-path output and input, framing and the fragment reassembler. Only RdpException
 * may escape; the reassembler must never hold more than its cap and must not leak (the build runs with
 * paranoid leak detection).
 */
class FastPathFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void updatePdu(byte[] data) {
        Decoding.fuzzStable(data, FastPathUpdatePdu::decode, FastPathUpdatePdu::encode);
        Decoding.fuzz(data, in -> {
            for (FastPathUpdate u : FastPathUpdatePdu.decode(in).updates()) {
                try {
                    u.content();
                } catch (RdpException e) {
                    // MALFORMED content or a fragment (STATE): both are refusals, not crashes
                }
            }
        });
    }

    @FuzzTest(maxDuration = "60s")
    void inputPdu(byte[] data) {
        Decoding.fuzzStable(data, FastPathInputPdu::decode, FastPathInputPdu::encode);
    }

    @FuzzTest(maxDuration = "60s")
    void framing(byte[] data) {
        Decoding.fuzz(data, in -> {
            int n = FastPathFraming.peekLength(in);
            if (n != -1 && (n < 2 || n > 0xFFFF)) {
                throw new AssertionError("implausible frame length " + n);
            }
        });
    }

    /**
     * The input is a sequence of fragments: a byte with updateCode (low 4 bits) and fragmentation (bits
     * 4-5), a length byte, then that many data bytes.
     */
    @FuzzTest(maxDuration = "60s")
    void reassembler(byte[] data) {
        int cap = 1 + (data.length == 0 ? 0 : (data[0] & 0xFF) * 4);
        try (FastPathReassembler r = new FastPathReassembler(PooledByteBufAllocator.DEFAULT, cap)) {
            int at = 1;
            while (at + 2 <= data.length) {
                int header = data[at] & 0xFF;
                int length = Math.min(data[at + 1] & 0xFF, data.length - at - 2);
                ByteBuf fragment = Unpooled.wrappedBuffer(data, at + 2, length);
                at += 2 + length;
                try {
                    FastPathReassembler.Reassembled done = r.accept(header & 0x0F, (header >>> 4) & 0x03, fragment);
                    if (done != null) {
                        int size = done.data().readableBytes();
                        done.data().release();
                        if (size > Math.max(cap, 255)) {
                            throw new AssertionError("reassembled " + size + " bytes past the cap " + cap);
                        }
                    }
                } catch (RdpException expected) {
                    if (r.inProgress()) {
                        throw new AssertionError("a refused sequence must drop its partial update");
                    }
                }
                if (r.bufferedBytes() > cap) {
                    throw new AssertionError("holding " + r.bufferedBytes() + " bytes, cap " + cap);
                }
            }
        }
    }
}
