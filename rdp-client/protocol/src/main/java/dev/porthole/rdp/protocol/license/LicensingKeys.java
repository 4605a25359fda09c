package dev.porthole.rdp.protocol.license;

import dev.porthole.rdp.protocol.crypto.Primitives;
import dev.porthole.rdp.protocol.RdpException;

/**
 * The licensing session keys of MS-RDPELE 5.1.2, derived by both sides from the 48-byte premaster
 * secret and the two 32-byte randoms:
 *
 * <pre>
 * MasterSecret     = SaltedHash(PremasterSecret, 'A' | 'BB' | 'CCC')   with ClientRandom + ServerRandom
 * SessionKeyBlob   = SaltedHash(MasterSecret,    'A' | 'BB' | 'CCC')   with ServerRandom + ClientRandom
 * MAC-salt-key     = First128Bits(SessionKeyBlob)
 * LicensingEncryptionKey = MD5(Second128Bits(SessionKeyBlob) + ClientRandom + ServerRandom)
 * </pre>
 *
 * The licensing encryption key encrypts and decrypts single fields with RC4 (5.1.3, 5.1.4: a fresh key
 * schedule for every field); the MAC salt key makes the MACData of 5.1.5. The keys are secrets: they
 * never appear in {@link #toString()}; {@link #destroy()} wipes them when licensing is over.
 */
public final class LicensingKeys {

    public static final int PREMASTER_SECRET_SIZE = 48;
    public static final int RANDOM_SIZE = 32;

    private static final byte[][] LABELS = {{'A'}, {'B', 'B'}, {'C', 'C', 'C'}};

    private final byte[] masterSecret;
    private final byte[] sessionKeyBlob;
    private final byte[] macSaltKey;
    private final byte[] licensingEncryptionKey;

    private LicensingKeys(byte[] masterSecret, byte[] sessionKeyBlob, byte[] macSaltKey, byte[] licensingEncryptionKey) {
        this.masterSecret = masterSecret;
        this.sessionKeyBlob = sessionKeyBlob;
        this.macSaltKey = macSaltKey;
        this.licensingEncryptionKey = licensingEncryptionKey;
    }

    /** Derives the keys (MS-RDPELE 5.1.2); the arguments are not kept. */
    public static LicensingKeys derive(byte[] premasterSecret, byte[] clientRandom, byte[] serverRandom) {
        check(premasterSecret, PREMASTER_SECRET_SIZE, "PremasterSecret");
        check(clientRandom, RANDOM_SIZE, "ClientRandom");
        check(serverRandom, RANDOM_SIZE, "ServerRandom");
        byte[] master = new byte[48];
        byte[] blob = new byte[48];
        for (int i = 0; i < 3; i++) {
            byte[] part = LicensingCrypto.saltedHash(premasterSecret, LABELS[i], clientRandom, serverRandom);
            System.arraycopy(part, 0, master, 16 * i, 16);
        }
        for (int i = 0; i < 3; i++) {
            byte[] part = LicensingCrypto.saltedHash(master, LABELS[i], serverRandom, clientRandom);
            System.arraycopy(part, 0, blob, 16 * i, 16);
        }
        byte[] salt = java.util.Arrays.copyOfRange(blob, 0, 16);
        byte[] key = LicensingCrypto.md5(java.util.Arrays.copyOfRange(blob, 16, 32), clientRandom, serverRandom);
        return new LicensingKeys(master, blob, salt, key);
    }

    /** A set made of an already known MAC salt key and licensing encryption key (for recorded sessions). */
    public static LicensingKeys of(byte[] macSaltKey, byte[] licensingEncryptionKey) {
        check(macSaltKey, 16, "MAC-salt-key");
        check(licensingEncryptionKey, 16, "LicensingEncryptionKey");
        return new LicensingKeys(new byte[0], new byte[0], macSaltKey.clone(), licensingEncryptionKey.clone());
    }

    private static void check(byte[] value, int size, String name) {
        if (value == null || value.length != size) {
            throw RdpException.argument("LicensingKeys", name, "must have " + size + " bytes");
        }
    }

    /** RC4 with the licensing encryption key (MS-RDPELE 5.1.3); the same call decrypts (5.1.4). */
    public byte[] rc4(byte[] data) {
        return LicensingCrypto.rc4(licensingEncryptionKey, data);
    }

    /** The MACData over {@code data} (MS-RDPELE 5.1.5). */
    public byte[] mac(byte[] data) {
        return LicensingCrypto.mac(macSaltKey, data);
    }

    /** Whether {@code macData} is the MAC of {@code data}, compared in constant time (MS-RDPELE 3.1.5.1). */
    public boolean verify(byte[] data, byte[] macData) {
        return Primitives.constantTimeEquals(mac(data), macData);
    }

    /** A copy of the 48-byte master secret (empty for {@link #of}). */
    public byte[] masterSecret() {
        return masterSecret.clone();
    }

    /** A copy of the 48-byte session key blob (empty for {@link #of}). */
    public byte[] sessionKeyBlob() {
        return sessionKeyBlob.clone();
    }

    /** A copy of the 16-byte MAC salt key. */
    public byte[] macSaltKey() {
        return macSaltKey.clone();
    }

    /** A copy of the 16-byte licensing encryption key. */
    public byte[] licensingEncryptionKey() {
        return licensingEncryptionKey.clone();
    }

    /** Wipes the keys; the object is useless afterwards. */
    public void destroy() {
        Primitives.wipe(masterSecret);
        Primitives.wipe(sessionKeyBlob);
        Primitives.wipe(macSaltKey);
        Primitives.wipe(licensingEncryptionKey);
    }

    @Override
    public String toString() {
        return "LicensingKeys[***]";
    }
}
