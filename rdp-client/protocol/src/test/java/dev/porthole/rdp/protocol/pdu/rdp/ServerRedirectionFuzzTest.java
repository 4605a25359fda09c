package dev.porthole.rdp.protocol.pdu.rdp;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.rdp.protocol.Decoding;

/**
 * Fuzz target for the Server Redirection Packet (MS-RDPBCGR 2.2.13.1), invariant 4: only RdpException may
 * escape and a decoded packet re-encodes to one that decodes equal. Corpus in
 * {@code ServerRedirectionFuzzTestInputs/} (the section 4.6 example and variants).
 */
class ServerRedirectionFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void redirectionPacket(byte[] data) {
        Decoding.fuzzStable(data, ServerRedirectionPacket::decode, (p, out) -> p.encode(out));
    }
}
