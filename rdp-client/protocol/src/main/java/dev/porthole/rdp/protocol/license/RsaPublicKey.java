package dev.porthole.rdp.protocol.license;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.4.3.1.1.1 RSA Public Key (RSA_PUBLIC_KEY), the PublicKeyBlob of a proprietary
 * certificate: magic "RSA1", keylen (modulus bytes + 8), bitlen, datalen (bitlen / 8 - 1), the public
 * exponent and the little-endian modulus followed by 8 zero bytes, all little-endian.
 *
 * <p>Decoding checks the magic and that keylen leaves room for the padding, and takes the modulus as
 * keylen - 8 bytes (as deployed clients do); bitlen and datalen are kept as sent.
 *
 * @param modulus the keylen bytes of the modulus field, padding included
 */
public record RsaPublicKey(int keylen, int bitlen, int datalen, int pubExp, Bytes modulus) {

    static final String PDU = "RSA_PUBLIC_KEY";
    public static final int MAGIC = 0x31415352;
    public static final int HEADER_SIZE = 20;

    public RsaPublicKey {
        if (modulus == null || modulus.length() != keylen || keylen <= 8) {
            throw RdpException.argument(PDU, "keylen", keylen + " must exceed 8 and equal the modulus field length");
        }
    }

    /** The key for a modulus of {@code bits} bits, laid out as the specification requires. */
    public static RsaPublicKey of(java.math.BigInteger n, int exponent, int bits) {
        byte[] le = LicensingCrypto.reverse(n.toByteArray());
        byte[] field = java.util.Arrays.copyOf(le, bits / 8 + 8);
        if (le.length > bits / 8 && le[le.length - 1] != 0) {
            throw RdpException.argument(PDU, "modulus", "does not fit " + bits + " bits");
        }
        return new RsaPublicKey(bits / 8 + 8, bits, bits / 8 - 1, exponent, Bytes.of(field));
    }

    public static RsaPublicKey decode(ByteBuf in) {
        Wire.need(in, HEADER_SIZE, PDU, "header");
        int magic = in.readIntLE();
        if (magic != MAGIC) {
            throw RdpException.malformed(PDU, "magic", String.format("0x%08x is not RSA1 (0x%08x)", magic, MAGIC));
        }
        long keylen = in.readUnsignedIntLE();
        int bitlen = in.readIntLE();
        int datalen = in.readIntLE();
        int pubExp = in.readIntLE();
        if (keylen <= 8 || keylen > in.readableBytes()) {
            throw RdpException.malformed(PDU, "keylen", keylen + " does not fit the " + in.readableBytes()
                    + " bytes left or leave room for the 8 padding bytes");
        }
        return new RsaPublicKey((int) keylen, bitlen, datalen, pubExp, Bytes.read(in, (int) keylen, PDU, "modulus"));
    }

    public void encode(ByteBuf out) {
        out.writeIntLE(MAGIC);
        out.writeIntLE(keylen);
        out.writeIntLE(bitlen);
        out.writeIntLE(datalen);
        out.writeIntLE(pubExp);
        modulus.writeTo(out);
    }

    public int size() {
        return HEADER_SIZE + keylen;
    }

    /** The usable key: the first keylen - 8 modulus bytes, the exponent as an unsigned 32-bit value. */
    public ServerPublicKey publicKey() {
        byte[] field = modulus.toByteArray();
        return ServerPublicKey.ofLittleEndian(java.util.Arrays.copyOf(field, keylen - 8), pubExp & 0xFFFFFFFFL);
    }
}
