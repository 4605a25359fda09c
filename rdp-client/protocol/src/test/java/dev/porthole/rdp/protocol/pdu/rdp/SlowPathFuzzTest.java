package dev.porthole.rdp.protocol.pdu.rdp;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.rdp.protocol.Decoding;

/**
 * Fuzz targets for the slow-path decoders (invariant 4): only RdpException may escape, and whatever
 * decodes re-encodes to bytes that decode to the same value. The saved corpus under
 * {@code SlowPathFuzzTestInputs/} replays in every build; {@code JAZZER_FUZZ=1} explores further.
 */
class SlowPathFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void shareControl(byte[] data) {
        Decoding.fuzzStable(data, ShareControlPdu::decode, ShareControlPdu::encode);
    }

    @FuzzTest(maxDuration = "60s")
    void shareControlSequence(byte[] data) {
        Decoding.fuzz(data, ShareControlPdu::decodeAll);
    }

    @FuzzTest(maxDuration = "60s")
    void clientInfo(byte[] data) {
        Decoding.fuzzStable(data, ClientInfoPdu::decode, ClientInfoPdu::encode);
    }

    @FuzzTest(maxDuration = "60s")
    void messageChannel(byte[] data) {
        Decoding.fuzzStable(data, MessageChannelPdu::decode, MessageChannelPdu::encode);
    }

    /** The first byte picks the fast-path update code; the rest is the update data. */
    @FuzzTest(maxDuration = "60s")
    void outputUpdate(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int code = data[0] & 0x0F;
        Decoding.fuzzStable(java.util.Arrays.copyOfRange(data, 1, data.length),
                in -> OutputUpdate.decodeFastPath(code, in), OutputUpdate::encodeFastPath);
    }

    @FuzzTest(maxDuration = "60s")
    void slowPathGraphicsUpdate(byte[] data) {
        Decoding.fuzzStable(data, GraphicsUpdate::decodeSlowPath, GraphicsUpdate::encodeSlowPath);
    }
}
