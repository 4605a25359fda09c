package dev.porthole.plugin.sandbox.ipc;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.plugin.sandbox.SandboxException;

/** Fuzz targets for the IPC frame decoder: only SandboxException may escape, memory stays bounded. */
class IpcFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void frameStream(byte[] data) {
        FrameReader r = new FrameReader(new ByteArrayInputStream(data), 64 * 1024);
        try {
            while (r.read() != null) {
                // keep reading frames until the end or the first error
            }
        } catch (SandboxException expected) {
            // the only acceptable failure
        }
    }

    @FuzzTest(maxDuration = "30s")
    void message(byte[] data) {
        try {
            IpcMessage m = IpcMessage.decode(ByteBuffer.wrap(data));
            m.toFrame(); // whatever decodes must encode again
        } catch (SandboxException expected) {
            // the only acceptable failure
        }
    }
}
