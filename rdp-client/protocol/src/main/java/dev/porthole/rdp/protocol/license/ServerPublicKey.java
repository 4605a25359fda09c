package dev.porthole.rdp.protocol.license;

import java.math.BigInteger;

import dev.porthole.rdp.protocol.RdpException;

/**
 * The server's RSA public key for the licensing key exchange, from a {@link ServerCertificate}: a
 * proprietary certificate's RSA_PUBLIC_KEY (MS-RDPBCGR 2.2.1.4.3.1.1.1) or the terminal server
 * certificate of an X.509 chain (MS-RDPELE 2.2.1.4.2, 5.1.1.1).
 *
 * <p>Keys outside what a licensing server uses are refused before any arithmetic: the modulus must
 * take 64 to 1024 bytes (512- to 8192-bit keys; Windows uses 512 or 2048, MS-RDPELE footnote 2) and exceed
 * every 48-byte premaster secret (more than 384 significant bits: xrdp's 512-bit key has 511), and the
 * public exponent may have at most 64 bits, which bounds the work a hostile server can ask for.
 *
 * @param modulus       the modulus n
 * @param exponent      the public exponent e
 * @param modulusLength bytes of the modulus as the certificate states it (keylen - 8, or the X.509 INTEGER
 *                      length): the size of the encrypted value, before its 8 padding bytes
 */
public record ServerPublicKey(BigInteger modulus, BigInteger exponent, int modulusLength) {

    static final String WHAT = "ServerPublicKey";
    public static final int MIN_BITS = 512;
    public static final int MAX_BITS = 8192;
    /** The modulus must be larger than any premaster secret (48 bytes) for raw RSA to be reversible. */
    static final int MIN_SIGNIFICANT_BITS = 8 * LicensingKeys.PREMASTER_SECRET_SIZE + 1;
    public static final int MAX_EXPONENT_BITS = 64;

    public ServerPublicKey {
        if (modulus == null || modulus.signum() <= 0) {
            throw new RdpException(RdpException.Kind.MALFORMED, WHAT + ".modulus: is missing or not positive");
        }
        if (modulusLength < MIN_BITS / 8 || modulusLength > MAX_BITS / 8 || modulus.bitLength() < MIN_SIGNIFICANT_BITS) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED, WHAT + ".modulus: " + modulus.bitLength() + " bits in "
                    + modulusLength + " bytes is outside " + MIN_BITS + ".." + MAX_BITS + "-bit keys");
        }
        if (modulus.bitLength() > 8 * modulusLength) {
            throw new RdpException(RdpException.Kind.MALFORMED, WHAT + ".modulus: " + modulus.bitLength()
                    + " bits do not fit the stated " + modulusLength + " bytes");
        }
        if (exponent == null || exponent.compareTo(BigInteger.ONE) <= 0 || exponent.bitLength() > MAX_EXPONENT_BITS) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED, WHAT + ".publicExponent: must be above 1 and at most "
                    + MAX_EXPONENT_BITS + " bits");
        }
    }

    /** The key of a little-endian modulus as RSA_PUBLIC_KEY carries it (MS-RDPBCGR 2.2.1.4.3.1.1.1). */
    public static ServerPublicKey ofLittleEndian(byte[] modulusLittleEndian, long exponent) {
        return new ServerPublicKey(new BigInteger(1, LicensingCrypto.reverse(modulusLittleEndian)), BigInteger.valueOf(exponent),
                modulusLittleEndian.length);
    }

    /** Bits of the modulus. */
    public int bits() {
        return modulus.bitLength();
    }

    /**
     * Encrypts {@code secret} as MS-RDPBCGR 5.3.4.1 prescribes (MS-RDPELE 5.1.1.1): the bytes are an
     * unsigned little-endian integer, c = m^e mod n is written little-endian into a zeroed buffer of
     * modulusLength + 8 bytes. No padding scheme is applied, as the specification requires.
     *
     * @throws RdpException TRUST when Bouncy Castle refuses the key or {@code secret} does not fit
     */
    public byte[] encrypt(byte[] secret) {
        byte[] c;
        try {
            c = LicensingCrypto.rsaPublic(modulus, exponent, modulusLength, secret);
        } catch (IllegalArgumentException e) {
            throw new RdpException(RdpException.Kind.TRUST, WHAT + ": not usable for RSA (" + e.getMessage() + ")", e);
        }
        return java.util.Arrays.copyOf(c, modulusLength + 8);
    }

    @Override
    public String toString() {
        return "ServerPublicKey[" + bits() + "-bit RSA, e=" + exponent + "]";
    }
}
