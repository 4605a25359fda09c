package dev.porthole.rdp.protocol.security;

import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.crypto.Primitives;
import dev.porthole.rdp.protocol.pdu.gcc.ClientSecurityData;

/**
 * The session keys of Standard RDP Security, MS-RDPBCGR 5.3.5 "Non-FIPS": the pre-master secret
 * (the first 192 bits of the client and of the server random), the master secret and the session key
 * blob built with SaltedHash, then MACKey, InitialClientEncryptKey (the server's decrypt key) and
 * InitialClientDecryptKey (the server's encrypt key), reduced to 40 or 56 bits (5.3.5.1) or kept at 128
 * bits (5.3.5.2). MD5 and SHA-1 come from {@link Primitives}.
 *
 * @param method        one ENCRYPTION_METHOD_40BIT / 56BIT / 128BIT
 * @param macKey        MACKey40/56/128: 8, 8 or 16 bytes
 * @param encryptKey    InitialClientEncryptKey (client to server)
 * @param decryptKey    InitialClientDecryptKey (server to client)
 */
public record SessionKeys(int method, byte[] macKey, byte[] encryptKey, byte[] decryptKey) {

    static final String WHAT = "Standard RDP Security session keys";
    public static final int RANDOM_SIZE = 32;

    public SessionKeys {
        int len = keyLength(method);
        if (macKey.length != len || encryptKey.length != len || decryptKey.length != len) {
            throw RdpException.argument(WHAT, "keys", "must have " + len + " bytes for method 0x" + Integer.toHexString(method));
        }
        macKey = macKey.clone();
        encryptKey = encryptKey.clone();
        decryptKey = decryptKey.clone();
    }

    /** Bytes of every key for {@code method}: 8 for 40- and 56-bit, 16 for 128-bit (MS-RDPBCGR 5.3.5.1, 5.3.5.2). */
    public static int keyLength(int method) {
        return switch (method) {
            case ClientSecurityData.ENCRYPTION_METHOD_40BIT, ClientSecurityData.ENCRYPTION_METHOD_56BIT -> 8;
            case ClientSecurityData.ENCRYPTION_METHOD_128BIT -> 16;
            case ClientSecurityData.ENCRYPTION_METHOD_FIPS -> throw new RdpException(RdpException.Kind.UNSUPPORTED,
                    "ENCRYPTION_METHOD_FIPS (Standard RDP Security with 3DES, MS-RDPBCGR 5.3.5.3) is not supported");
            default -> throw new RdpException(RdpException.Kind.UNSUPPORTED,
                    "encryptionMethod 0x" + Integer.toHexString(method) + " is not a single 40/56/128-bit RC4 method");
        };
    }

    /** Derives the client's keys from the two 32-byte randoms (MS-RDPBCGR 5.3.5). */
    public static SessionKeys derive(byte[] clientRandom, byte[] serverRandom, int method) {
        if (clientRandom.length != RANDOM_SIZE || serverRandom.length != RANDOM_SIZE) {
            throw RdpException.argument(WHAT, "random", "client and server randoms must have 32 bytes");
        }
        int len = keyLength(method);
        byte[] preMaster = Primitives.concat(Arrays.copyOf(clientRandom, 24), Arrays.copyOf(serverRandom, 24));
        byte[] master = Primitives.concat(salted(preMaster, "A", clientRandom, serverRandom),
                salted(preMaster, "BB", clientRandom, serverRandom), salted(preMaster, "CCC", clientRandom, serverRandom));
        byte[] blob = Primitives.concat(salted(master, "X", clientRandom, serverRandom), salted(master, "YY", clientRandom, serverRandom),
                salted(master, "ZZZ", clientRandom, serverRandom));
        try {
            byte[] mac128 = Arrays.copyOfRange(blob, 0, 16);
            // InitialServerEncryptKey = FinalHash(Second128Bits), InitialServerDecryptKey = FinalHash(Third128Bits)
            byte[] serverEncrypt = Primitives.md5(Arrays.copyOfRange(blob, 16, 32), clientRandom, serverRandom);
            byte[] serverDecrypt = Primitives.md5(Arrays.copyOfRange(blob, 32, 48), clientRandom, serverRandom);
            return new SessionKeys(method, reduce(mac128, method, len), reduce(serverDecrypt, method, len),
                    reduce(serverEncrypt, method, len));
        } finally {
            Primitives.wipe(preMaster);
            Primitives.wipe(master);
            Primitives.wipe(blob);
        }
    }

    /** SaltedHash(S, I) = MD5(S + SHA(I + S + ClientRandom + ServerRandom)) (MS-RDPBCGR 5.3.5). */
    private static byte[] salted(byte[] secret, String salt, byte[] clientRandom, byte[] serverRandom) {
        return Primitives.md5(secret, Primitives.sha1(salt.getBytes(java.nio.charset.StandardCharsets.US_ASCII), secret,
                clientRandom, serverRandom));
    }

    /**
     * MS-RDPBCGR 5.3.5.1: a 40-bit key is 0xD1269E + Last40Bits(First64Bits(K)), a 56-bit key 0xD1 +
     * Last56Bits(First64Bits(K)); a 128-bit key is K.
     */
    static byte[] reduce(byte[] key128, int method, int len) {
        byte[] k = Arrays.copyOf(key128, len);
        if (method == ClientSecurityData.ENCRYPTION_METHOD_40BIT) {
            k[0] = (byte) 0xD1;
            k[1] = (byte) 0x26;
            k[2] = (byte) 0x9E;
        } else if (method == ClientSecurityData.ENCRYPTION_METHOD_56BIT) {
            k[0] = (byte) 0xD1;
        }
        return k;
    }

    @Override
    public byte[] macKey() {
        return macKey.clone();
    }

    @Override
    public byte[] encryptKey() {
        return encryptKey.clone();
    }

    @Override
    public byte[] decryptKey() {
        return decryptKey.clone();
    }

    @Override
    public String toString() {
        return "SessionKeys[method=0x" + Integer.toHexString(method) + ", keys hidden]";
    }
}
