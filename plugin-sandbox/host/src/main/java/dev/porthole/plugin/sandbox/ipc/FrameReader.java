package dev.porthole.plugin.sandbox.ipc;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

import dev.porthole.plugin.sandbox.SandboxException;

/**
 * Reads length-prefixed IPC frames from a stream. Memory is bounded: a frame longer than
 * {@code maxFrame} fails before anything is allocated for it.
 */
public final class FrameReader {

    private final InputStream in;
    private final int maxFrame;
    private final byte[] header = new byte[4];

    /**
     * @param in       the stream (blocking)
     * @param maxFrame the largest frame content (type + body) accepted, in bytes
     */
    public FrameReader(InputStream in, int maxFrame) {
        if (maxFrame < 64) {
            throw new SandboxException(SandboxException.Kind.ARGUMENT, "maxFrame " + maxFrame + " is below 64");
        }
        this.in = in;
        this.maxFrame = maxFrame;
    }

    /**
     * The next message, or {@code null} at a clean end of stream (between frames).
     *
     * @throws SandboxException MALFORMED for a bad length or body, IO for a stream error or a frame cut short
     */
    public IpcMessage read() {
        try {
            int got = readFully(header, 0, 4, true);
            if (got == 0) {
                return null;
            }
            int length = ByteBuffer.wrap(header).getInt();
            if (length < 1 || length > maxFrame) {
                throw SandboxException.malformed("IPC frame", "length", Integer.toUnsignedString(length)
                        + " outside 1.." + maxFrame);
            }
            byte[] body = new byte[length];
            readFully(body, 0, length, false);
            return IpcMessage.decode(ByteBuffer.wrap(body));
        } catch (EOFException e) {
            throw new SandboxException(SandboxException.Kind.IO, "IPC stream ended inside a frame", e);
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "IPC read failed: " + e.getMessage(), e);
        }
    }

    /** Reads {@code n} bytes; returns 0 only when {@code eofOk} and the stream ended before the first byte. */
    private int readFully(byte[] b, int off, int n, boolean eofOk) throws IOException {
        int done = 0;
        while (done < n) {
            int r = in.read(b, off + done, n - done);
            if (r < 0) {
                if (done == 0 && eofOk) {
                    return 0;
                }
                throw new EOFException("after " + done + " of " + n + " bytes");
            }
            done += r;
        }
        return done;
    }
}
