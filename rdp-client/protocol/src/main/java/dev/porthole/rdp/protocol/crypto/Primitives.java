package dev.porthole.rdp.protocol.crypto;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The hash, MAC and stream-cipher functions the RDP security layers are built from: MS-NLMP section 6
 * (MD4, MD5, HMAC_MD5, RC4K, RC4Init), SHA-1 and RC4 for licensing (MS-RDPELE 5.1), HMAC-MD5 for the
 * auto-reconnect verifier (MS-RDPBCGR 5.5); thin wrappers over Bouncy Castle's lightweight API. No
 * primitive is implemented here.
 */
public final class Primitives {

    private Primitives() {}

    public static byte[] md4(byte[]... parts) {
        return digest(new MD4Digest(), parts);
    }

    public static byte[] md5(byte[]... parts) {
        return digest(new MD5Digest(), parts);
    }

    public static byte[] sha1(byte[]... parts) {
        return digest(new SHA1Digest(), parts);
    }

    private static byte[] digest(Digest d, byte[]... parts) {
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    /** HMAC_MD5(key, ConcatenationOf(parts)). */
    public static byte[] hmacMd5(byte[] key, byte[]... parts) {
        HMac mac = new HMac(new MD5Digest());
        mac.init(new KeyParameter(key));
        for (byte[] p : parts) {
            mac.update(p, 0, p.length);
        }
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    /** RC4Init(handle, key): a keyed RC4 state whose key stream continues across calls. */
    public static RC4Engine rc4Init(byte[] key) {
        RC4Engine rc4 = new RC4Engine();
        rc4.init(true, new KeyParameter(key));
        return rc4;
    }

    /** RC4(handle, data): applies the next key stream bytes of {@code handle}. */
    public static byte[] rc4(RC4Engine handle, byte[] data) {
        byte[] out = new byte[data.length];
        handle.processBytes(data, 0, data.length, out, 0);
        return out;
    }

    /** RC4K(key, data): a one-time RC4 instance. */
    public static byte[] rc4k(byte[] key, byte[] data) {
        return rc4(rc4Init(key), data);
    }

    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return org.bouncycastle.util.Arrays.constantTimeAreEqual(a, b);
    }

    public static void wipe(byte[] secret) {
        if (secret != null) {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }

    /** The parts one after another in a new array. */
    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
