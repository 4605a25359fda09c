package dev.porthole.rdp.protocol.credssp;

import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the CredSSP decoders and client (invariant 4): untrusted bytes may only produce a
 * value or an {@link RdpException}. The saved corpus under {@code CredSspFuzzTestInputs/} replays in
 * every build; {@code JAZZER_FUZZ=1} explores further.
 */
class CredSspFuzzTest {

    /** A fixed key and bindings: generating a real key under the fuzzing agent would dominate the run time. */
    static final TlsBinding BINDING = new TlsBinding(java.util.HexFormat.of().parseHex("3008020300c0010203010001"),
            "tls-server-end-point:0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @FuzzTest(maxDuration = "30s")
    void tsRequest(byte[] data) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            int length = TsRequest.peekLength(buf);
            if (length >= 0 && length <= buf.readableBytes()) {
                TsRequest.decode(buf);
            }
        } catch (RdpException expected) {
            // the only acceptable failure for bad input
        } finally {
            buf.release();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void tsCredentials(byte[] data) {
        try {
            TsPasswordCreds.decode(TsCredentials.decode(data).credentials());
        } catch (RdpException expected) {
            // the only acceptable failure for bad input
        }
    }

    /** The client's whole path for the server's first reply (the CHALLENGE_MESSAGE in a TSRequest). */
    @FuzzTest(maxDuration = "30s")
    void clientFirstReply(byte[] data) {
        CredSspClient client = new CredSspClient(new PasswordCredentials("alice", "DOM", "pw".toCharArray()), BINDING,
                SecurityProtocols.PROTOCOL_HYBRID_EX, "host", out -> Arrays.fill(out, (byte) 7), 0);
        client.start();
        try {
            client.onServerMessage(data);
        } catch (RdpException expected) {
            // the only acceptable failure for bad input
        }
    }
}
