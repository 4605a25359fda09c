package dev.porthole.rdp.protocol.license;

import dev.porthole.rdp.protocol.crypto.Primitives;

import java.math.BigInteger;

import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/**
 * The primitives the licensing exchange is built from (MS-RDPELE 5.1, MS-RDPBCGR 5.3.3.1 and 5.3.4):
 * MD5, SHA-1, RC4 and the raw RSA public-key operation, as thin wrappers over Bouncy Castle's
 * lightweight API. No primitive is implemented here; the functions only arrange the bytes the
 * specifications prescribe (concatenations, little-endian integers, pads).
 */
final class LicensingCrypto {

    /** pad1 and pad2 of the licensing MAC (MS-RDPELE 5.1.5, as MS-RDPBCGR 5.3.6.1). */
    private static final byte[] PAD1 = filled(40, (byte) 0x36);
    private static final byte[] PAD2 = filled(48, (byte) 0x5C);

    private LicensingCrypto() {}

    static byte[] md5(byte[]... parts) {
        return Primitives.md5(parts);
    }

    static byte[] sha1(byte[]... parts) {
        return Primitives.sha1(parts);
    }

    /** RC4 with a fresh key schedule: every licensing field is encrypted on its own (MS-RDPELE 5.1.3, 5.1.4). */
    static byte[] rc4(byte[] key, byte[] data) {
        return Primitives.rc4k(key, data);
    }

    /**
     * SaltedHash(S, I) = MD5(S + SHA-1(I + S + first + second)) of MS-RDPELE 5.1.2; the caller picks the
     * order of the randoms (ClientRandom first for the master secret, ServerRandom first for the session
     * key blob).
     */
    static byte[] saltedHash(byte[] secret, byte[] salt, byte[] first, byte[] second) {
        return md5(secret, sha1(salt, secret, first, second));
    }

    /** MACData = MD5(MAC-salt-key + pad2 + SHA-1(MAC-salt-key + pad1 + data-length + data-content)) (MS-RDPELE 5.1.5). */
    static byte[] mac(byte[] macSaltKey, byte[] data) {
        byte[] length = {(byte) data.length, (byte) (data.length >>> 8), (byte) (data.length >>> 16), (byte) (data.length >>> 24)};
        return md5(macSaltKey, PAD2, sha1(macSaltKey, PAD1, length, data));
    }

    /**
     * The raw RSA public-key operation c = m^e mod n on little-endian integers (MS-RDPBCGR 5.3.4.1): the
     * result is little-endian and exactly {@code modulusLength} bytes (zero-extended).
     *
     * @throws IllegalArgumentException when Bouncy Castle refuses the key (for example an even modulus)
     *                                  or the value is not smaller than the modulus
     */
    static byte[] rsaPublic(BigInteger modulus, BigInteger exponent, int modulusLength, byte[] littleEndianValue) {
        RSAEngine rsa = new RSAEngine();
        rsa.init(true, new RSAKeyParameters(false, modulus, exponent));
        byte[] bigEndian = reverse(littleEndianValue);
        byte[] result;
        try {
            result = rsa.processBlock(bigEndian, 0, bigEndian.length);
        } catch (org.bouncycastle.crypto.DataLengthException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        // processBlock returns the value big-endian in at most modulusLength bytes (leading zeros may be cut)
        byte[] out = new byte[modulusLength];
        for (int i = 0; i < result.length && i < modulusLength; i++) {
            out[i] = result[result.length - 1 - i];
        }
        return out;
    }

    /** The bytes of {@code in} in reverse order (little-endian to big-endian and back). */
    static byte[] reverse(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, value);
        return b;
    }
}
