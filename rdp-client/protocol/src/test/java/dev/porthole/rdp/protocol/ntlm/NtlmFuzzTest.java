package dev.porthole.rdp.protocol.ntlm;

import java.util.function.Consumer;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the NTLM decoders (invariant 4): untrusted bytes may only produce a value or an
 * {@link RdpException}. The saved corpus under {@code NtlmFuzzTestInputs/} replays in every build;
 * {@code JAZZER_FUZZ=1} explores further.
 */
class NtlmFuzzTest {

    private static void decodeAll(byte[] data, Consumer<ByteBuf> decoder) {
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
    void challengeMessage(byte[] data) {
        decodeAll(data, ChallengeMessage::decode);
    }

    @FuzzTest(maxDuration = "30s")
    void authenticateMessage(byte[] data) {
        decodeAll(data, AuthenticateMessage::decode);
    }

    @FuzzTest(maxDuration = "30s")
    void negotiateMessage(byte[] data) {
        decodeAll(data, NegotiateMessage::decode);
    }

    /** The whole client path for a hostile CHALLENGE_MESSAGE: policy checks, response, MIC. */
    @FuzzTest(maxDuration = "30s")
    void clientAuthenticate(byte[] data) {
        NtlmClient client = new NtlmClient("alice", "DOM", "pw".toCharArray(), NtlmClient.Options.defaults(),
                out -> java.util.Arrays.fill(out, (byte) 0x5a));
        client.negotiate();
        try {
            client.authenticate(data, 0);
        } catch (RdpException expected) {
            // the only acceptable failure for bad input
        }
    }
}
