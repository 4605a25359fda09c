package dev.porthole.plugin.sandbox.ipc;

import java.io.IOException;
import java.io.OutputStream;

import dev.porthole.plugin.sandbox.SandboxException;

/** Writes IPC frames to a stream; thread-safe (one frame at a time, never interleaved). */
public final class FrameWriter {

    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes one message as a frame and flushes.
     *
     * @throws SandboxException IO when the stream fails (the peer is gone)
     */
    public void write(IpcMessage message) {
        byte[] frame = message.toFrame();
        synchronized (this) {
            try {
                out.write(frame);
                out.flush();
            } catch (IOException e) {
                throw new SandboxException(SandboxException.Kind.IO, "IPC write of " + message.getClass().getSimpleName()
                        + " failed: " + e.getMessage(), e);
            }
        }
    }
}
