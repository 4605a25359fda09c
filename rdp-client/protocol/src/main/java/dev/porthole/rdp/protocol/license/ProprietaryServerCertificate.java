package dev.porthole.rdp.protocol.license;

import dev.porthole.rdp.protocol.crypto.Primitives;
import java.math.BigInteger;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * MS-RDPBCGR 2.2.1.4.3.1.1 Server Proprietary Certificate (PROPRIETARYSERVERCERTIFICATE): dwVersion,
 * dwSigAlgId (SIGNATURE_ALG_RSA), dwKeyAlgId (KEY_EXCHANGE_ALG_RSA), the BB_RSA_KEY_BLOB with the
 * {@link RsaPublicKey} and the BB_RSA_SIGNATURE_BLOB, all little-endian.
 *
 * <p>{@link #signatureValid()} checks the signature as MS-RDPBCGR 5.3.3.1.3 describes, with the
 * Terminal Services signing key of 5.3.3.1.1. That key's private half is published in the same
 * section, so a valid signature proves only that the certificate is well formed, not who made it;
 * under Enhanced RDP Security the TLS handshake authenticates the server.
 *
 * @param version the dwVersion as sent (CERT_CHAIN_VERSION_1, possibly with the t bit)
 */
public record ProprietaryServerCertificate(int version, int sigAlgId, int keyAlgId, int publicKeyBlobType,
                                           RsaPublicKey rsaKey, int signatureBlobType, Bytes signature)
        implements ServerCertificate {

    static final String PDU = "PROPRIETARYSERVERCERTIFICATE";
    public static final int SIGNATURE_ALG_RSA = 0x00000001;
    public static final int KEY_EXCHANGE_ALG_RSA = 0x00000001;
    public static final int BB_RSA_KEY_BLOB = 0x0006;
    public static final int BB_RSA_SIGNATURE_BLOB = 0x0008;

    /** MS-RDPBCGR 5.3.3.1.1 Terminal Services signing key: modulus n, little-endian. */
    static final byte[] TS_SIGNING_MODULUS = Bytes.ofHex("""
            3d3a5ebd72433ec94dbbc11e4aba5fcb3e882087eff5c1e2d7b76b9af2524595
            ce63656b583afeef7ce7bffe3df65c7d6c5e06091af561bb2093095f056dea87""").toByteArray();
    /** MS-RDPBCGR 5.3.3.1.1: the public exponent e, 0xc0887b5b. */
    static final long TS_SIGNING_EXPONENT = 0xc0887b5bL;

    public ProprietaryServerCertificate {
        if (rsaKey == null || signature == null || signature.length() > 0xFFFF) {
            throw RdpException.argument(PDU, "PublicKeyBlob/SignatureBlob", "must be present and fit 16-bit lengths");
        }
        Wire.requireUnsigned(publicKeyBlobType, 16, PDU, "wPublicKeyBlobType");
        Wire.requireUnsigned(signatureBlobType, 16, PDU, "wSignatureBlobType");
        if (rsaKey.size() > 0xFFFF) {
            throw RdpException.argument(PDU, "wPublicKeyBlobLen", rsaKey.size() + " does not fit 16 bits");
        }
    }

    public static ProprietaryServerCertificate decode(ByteBuf in) {
        Wire.need(in, 16, PDU, "dwVersion..wPublicKeyBlobLen");
        int version = in.readIntLE();
        int sigAlg = in.readIntLE();
        int keyAlg = in.readIntLE();
        if (sigAlg != SIGNATURE_ALG_RSA) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED, PDU + ".dwSigAlgId: " + sigAlg + " is not SIGNATURE_ALG_RSA (1)");
        }
        if (keyAlg != KEY_EXCHANGE_ALG_RSA) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED, PDU + ".dwKeyAlgId: " + keyAlg + " is not KEY_EXCHANGE_ALG_RSA (1)");
        }
        int keyType = in.readUnsignedShortLE();
        int keyLen = in.readUnsignedShortLE();
        if (keyType != BB_RSA_KEY_BLOB) {
            throw RdpException.malformed(PDU, "wPublicKeyBlobType", keyType + " is not BB_RSA_KEY_BLOB (6)");
        }
        Wire.need(in, keyLen, PDU, "PublicKeyBlob");
        ByteBuf keyBytes = in.readSlice(keyLen);
        RsaPublicKey key = RsaPublicKey.decode(keyBytes);
        if (keyBytes.isReadable()) {
            throw RdpException.malformed(PDU, "wPublicKeyBlobLen", keyLen + " is not the RSA_PUBLIC_KEY size " + key.size());
        }
        Wire.need(in, 4, PDU, "wSignatureBlobType/wSignatureBlobLen");
        int sigType = in.readUnsignedShortLE();
        int sigLen = in.readUnsignedShortLE();
        if (sigType != BB_RSA_SIGNATURE_BLOB) {
            throw RdpException.malformed(PDU, "wSignatureBlobType", sigType + " is not BB_RSA_SIGNATURE_BLOB (8)");
        }
        Bytes sig = Bytes.read(in, sigLen, PDU, "SignatureBlob");
        return new ProprietaryServerCertificate(version, sigAlg, keyAlg, keyType, key, sigType, sig);
    }

    @Override
    public void encode(ByteBuf out) {
        encodeSigned(out);
        out.writeShortLE(signatureBlobType);
        out.writeShortLE(signature.length());
        signature.writeTo(out);
    }

    /** The first six fields, the ones the signature covers (MS-RDPBCGR 5.3.3.1.2). */
    private void encodeSigned(ByteBuf out) {
        out.writeIntLE(version);
        out.writeIntLE(sigAlgId);
        out.writeIntLE(keyAlgId);
        out.writeShortLE(publicKeyBlobType);
        out.writeShortLE(rsaKey.size());
        rsaKey.encode(out);
    }

    @Override
    public int size() {
        return 16 + rsaKey.size() + 4 + signature.length();
    }

    /** MD5(dwVersion + dwSigAlgID + dwKeyAlgID + PublicKeyBlob), the hash the signature carries (MS-RDPBCGR 5.3.3.1.3). */
    public byte[] signedHash() {
        ByteBuf signed = Unpooled.buffer(16 + rsaKey.size());
        try {
            encodeSigned(signed);
            byte[] bytes = new byte[signed.readableBytes()];
            signed.readBytes(bytes);
            return LicensingCrypto.md5(bytes);
        } finally {
            signed.release();
        }
    }

    /**
     * Whether the signature verifies with the Terminal Services signing key (MS-RDPBCGR 5.3.3.1.3): the
     * signature, an unsigned little-endian integer (its 8 zero padding bytes aside), raised to e mod n gives
     * a 63-byte little-endian value of the 16-byte hash, 0x00, 45 bytes of 0xFF and 0x01.
     */
    public boolean signatureValid() {
        byte[] s = signature.toByteArray();
        int n = TS_SIGNING_MODULUS.length;
        for (int i = n; i < s.length; i++) {
            if (s[i] != 0) {
                return false;
            }
        }
        byte[] value = java.util.Arrays.copyOf(s, Math.min(s.length, n));
        byte[] m;
        try {
            m = LicensingCrypto.rsaPublic(new BigInteger(1, LicensingCrypto.reverse(TS_SIGNING_MODULUS)),
                    BigInteger.valueOf(TS_SIGNING_EXPONENT), n, value);
        } catch (IllegalArgumentException e) {
            return false; // the signature is not smaller than the modulus
        }
        byte[] expected = new byte[n];
        System.arraycopy(signedHash(), 0, expected, 0, 16);
        expected[16] = 0x00;
        java.util.Arrays.fill(expected, 17, 62, (byte) 0xFF);
        expected[62] = 0x01;
        expected[63] = 0x00;
        return Primitives.constantTimeEquals(m, expected);
    }

    @Override
    public ServerPublicKey publicKey() {
        return rsaKey.publicKey();
    }
}
