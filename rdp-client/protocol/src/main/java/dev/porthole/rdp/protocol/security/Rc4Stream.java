package dev.porthole.rdp.protocol.security;

import java.util.Arrays;

import dev.porthole.rdp.protocol.crypto.Primitives;
import dev.porthole.rdp.protocol.pdu.gcc.ClientSecurityData;
import org.bouncycastle.crypto.engines.RC4Engine;

/**
 * One direction of Standard RDP Security's RC4 stream (MS-RDPBCGR 5.3.6, 5.3.7): the key stream continues
 * across PDUs; after 4096 PDUs the key is updated from the initial and the current key (5.3.7.1) and the
 * RC4 state is re-keyed. {@link #count()} is the number of PDUs processed so far, the EncryptionCount of
 * the salted MAC (5.3.6.1.1). Not thread-safe: one connection's I/O thread owns it.
 */
public final class Rc4Stream {

    /** PDUs per key (MS-RDPBCGR 5.3.7). */
    public static final int UPDATE_INTERVAL = 4096;
    private static final byte[] PAD1 = filled(40, (byte) 0x36);
    private static final byte[] PAD2 = filled(48, (byte) 0x5C);

    private final int method;
    private final byte[] initialKey;
    private byte[] currentKey;
    private RC4Engine rc4;
    private int sinceUpdate;
    private long count;

    public Rc4Stream(byte[] initialKey, int method) {
        SessionKeys.keyLength(method);
        this.method = method;
        this.initialKey = initialKey.clone();
        this.currentKey = initialKey.clone();
        this.rc4 = Primitives.rc4Init(currentKey);
    }

    /** The PDUs processed so far (EncryptionCount of MS-RDPBCGR 5.3.6.1.1). */
    public long count() {
        return count;
    }

    /** The current key (for tests). */
    byte[] currentKey() {
        return currentKey.clone();
    }

    /** Applies the key stream to {@code len} bytes of {@code data} at {@code off}, in place: one PDU. */
    public void process(byte[] data, int off, int len) {
        if (sinceUpdate == UPDATE_INTERVAL) {
            currentKey = update(initialKey, currentKey, method);
            rc4 = Primitives.rc4Init(currentKey);
            sinceUpdate = 0;
        }
        rc4.processBytes(data, off, len, data, off);
        sinceUpdate++;
        count++;
    }

    /**
     * MS-RDPBCGR 5.3.7.1: SHAComponent = SHA(InitialKey + Pad1 + CurrentKey), TempKey = MD5(InitialKey +
     * Pad2 + SHAComponent), cut to the key length; NewKey = RC4(TempKey) keyed with TempKey, then reduced for
     * 40- and 56-bit keys as in 5.3.5.1.
     */
    static byte[] update(byte[] initialKey, byte[] currentKey, int method) {
        int len = initialKey.length;
        byte[] sha = Primitives.sha1(initialKey, PAD1, currentKey);
        byte[] temp = Arrays.copyOf(Primitives.md5(initialKey, PAD2, sha), len);
        byte[] next = Primitives.rc4k(temp, temp);
        return method == ClientSecurityData.ENCRYPTION_METHOD_128BIT ? next : SessionKeys.reduce(next, method, len);
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        Arrays.fill(b, value);
        return b;
    }

    static byte[] pad1() {
        return PAD1;
    }

    static byte[] pad2() {
        return PAD2;
    }
}
