package dev.porthole.rdp.protocol.pdu.capability;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.rdp.protocol.Decoding;

/** Fuzz target for the capability set decoders; the first byte is the number of sets. */
class CapabilitySetFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void capabilitySets(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int count = data[0] & 0xFF;
        Decoding.fuzzStable(java.util.Arrays.copyOfRange(data, 1, data.length),
                in -> CapabilitySet.decodeAll(in, count, "fuzz"),
                (List<CapabilitySet> sets, io.netty.buffer.ByteBuf out) -> sets.forEach(s -> s.encode(out)));
    }
}
