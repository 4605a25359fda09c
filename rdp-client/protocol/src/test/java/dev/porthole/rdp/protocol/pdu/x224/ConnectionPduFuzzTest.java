package dev.porthole.rdp.protocol.pdu.x224;

import dev.porthole.rdp.protocol.pdu.tpkt.TpktHeader;
import dev.porthole.rdp.protocol.FuzzSupport;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the connection-initiation decoders (invariant 4). Untrusted bytes may only ever
 * produce a value or an {@link RdpException}; any other exception fails the target. In a normal
 * build the saved corpus under {@code ConnectionPduFuzzTestInputs/} replays; with
 * {@code JAZZER_FUZZ=1} Jazzer explores further.
 */
class ConnectionPduFuzzTest {


    @FuzzTest(maxDuration = "30s")
    void connectionConfirm(byte[] data) {
        FuzzSupport.decodeOnly(data, ConnectionConfirm::decode);
    }

    @FuzzTest(maxDuration = "30s")
    void connectionRequest(byte[] data) {
        FuzzSupport.decodeOnly(data, ConnectionRequest::decode);
    }

    @FuzzTest(maxDuration = "30s")
    void tpktFraming(byte[] data) {
        FuzzSupport.decodeOnly(data, TpktHeader::peekPacketLength);
    }
}
