package dev.porthole.rdp.protocol.pdu.x224;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.tpkt.TpktHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the connection-initiation decoders (invariant 4). Untrusted bytes may only ever
 * produce a value or an {@link RdpException}; any other exception fails the target. In a normal
 * build the saved corpus under {@code ConnectionPduFuzzTestInputs/} replays; with
 * {@code JAZZER_FUZZ=1} Jazzer explores further.
 */
class ConnectionPduFuzzTest {

    private static void decodeAll(byte[] data, java.util.function.Consumer<ByteBuf> decoder) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            decoder.accept(buf);
        } catch (RdpException expected) {
            // the only acceptable failure for bad input
        } finally {
            buf.release();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void connectionConfirm(byte[] data) {
        decodeAll(data, ConnectionConfirm::decode);
    }

    @FuzzTest(maxDuration = "30s")
    void connectionRequest(byte[] data) {
        decodeAll(data, ConnectionRequest::decode);
    }

    @FuzzTest(maxDuration = "30s")
    void tpktFraming(byte[] data) {
        decodeAll(data, TpktHeader::peekPacketLength);
    }
}
