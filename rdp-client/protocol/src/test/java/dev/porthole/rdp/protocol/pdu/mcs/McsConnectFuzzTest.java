package dev.porthole.rdp.protocol.pdu.mcs;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Fuzz targets for the MCS/GCC connect decoders: only RdpException may escape. */
class McsConnectFuzzTest {

    private static void run(byte[] data, java.util.function.Consumer<ByteBuf> decoder) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            decoder.accept(buf);
        } catch (RdpException expected) {
            // fine
        } finally {
            buf.release();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void connectResponse(byte[] data) {
        run(data, ConnectResponse::decode);
    }

    @FuzzTest(maxDuration = "30s")
    void connectInitial(byte[] data) {
        run(data, ConnectInitial::decode);
    }

    @FuzzTest(maxDuration = "30s")
    void domainPdu(byte[] data) {
        run(data, DomainPdu::decode);
    }
}
