package dev.porthole.rdp.protocol.ntlm;

import java.util.Arrays;

/** Byte helpers for tests. */
public final class TestBytes {

    private TestBytes() {}

    public static byte[] concat(byte[]... parts) {
        byte[] out = new byte[0];
        for (byte[] p : parts) {
            int at = out.length;
            out = Arrays.copyOf(out, at + p.length);
            System.arraycopy(p, 0, out, at, p.length);
        }
        return out;
    }
}
