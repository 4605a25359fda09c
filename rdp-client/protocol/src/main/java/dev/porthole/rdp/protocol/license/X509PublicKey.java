package dev.porthole.rdp.protocol.license;

import java.math.BigInteger;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.ber.Ber;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Reads the RSA public key out of a DER X.509 certificate (RFC 5280 4.1: Certificate, TBSCertificate,
 * subjectPublicKeyInfo; RFC 8017 A.1.1 RSAPublicKey). Only the path to the key is walked, one TLV at a
 * time and without recursion, so hostile nesting or lengths cannot exhaust the stack or overread; the
 * rest of the certificate is skipped unparsed. The key algorithm identifier is not checked: license
 * servers mark the terminal server key with OIW OIDs (1.3.14.3.2.15) rather than rsaEncryption, and the
 * key bits are an RSAPublicKey either way.
 */
final class X509PublicKey {

    private static final int TAG_BIT_STRING = 0x03;
    private static final int TAG_VERSION = 0xA0;

    private X509PublicKey() {}

    static ServerPublicKey read(Bytes der, String pdu) {
        ByteBuf in = Unpooled.wrappedBuffer(der.toByteArray());
        try {
            ByteBuf cert = sequence(in, pdu, "Certificate");
            ByteBuf tbs = sequence(cert, pdu, "tbsCertificate");
            if (tbs.isReadable() && tbs.getUnsignedByte(tbs.readerIndex()) == TAG_VERSION) {
                skip(tbs, pdu, "tbsCertificate.version");
            }
            for (String field : new String[] {"serialNumber", "signature", "issuer", "validity", "subject"}) {
                skip(tbs, pdu, "tbsCertificate." + field);
            }
            ByteBuf spki = sequence(tbs, pdu, "subjectPublicKeyInfo");
            skip(spki, pdu, "subjectPublicKeyInfo.algorithm");
            int bits = Ber.readTag(spki, TAG_BIT_STRING, pdu, "subjectPublicKeyInfo.subjectPublicKey");
            ByteBuf keyBits = spki.readSlice(bits);
            Wire.need(keyBits, 1, pdu, "subjectPublicKeyInfo.subjectPublicKey.unusedBits");
            if (keyBits.readUnsignedByte() != 0) {
                throw RdpException.malformed(pdu, "subjectPublicKeyInfo.subjectPublicKey", "has unused bits");
            }
            ByteBuf rsa = sequence(keyBits, pdu, "RSAPublicKey");
            BigInteger modulus = integer(rsa, pdu, "RSAPublicKey.modulus");
            BigInteger exponent = integer(rsa, pdu, "RSAPublicKey.publicExponent");
            return new ServerPublicKey(modulus, exponent, (modulus.bitLength() + 7) / 8);
        } finally {
            in.release();
        }
    }

    /** A SEQUENCE's content as a slice; the outer buffer moves past it. */
    private static ByteBuf sequence(ByteBuf in, String pdu, String field) {
        int length = Ber.readTag(in, Ber.TAG_SEQUENCE, pdu, field);
        return in.readSlice(length);
    }

    /** Skips one TLV with a single-byte tag. */
    private static void skip(ByteBuf in, String pdu, String field) {
        Wire.need(in, 1, pdu, field + ".tag");
        int tag = in.readUnsignedByte();
        if ((tag & 0x1F) == 0x1F) {
            throw RdpException.malformed(pdu, field + ".tag", String.format("multi-byte tag 0x%02x", tag));
        }
        in.skipBytes(Ber.readLength(in, pdu, field));
    }

    /** A positive INTEGER. */
    private static BigInteger integer(ByteBuf in, String pdu, String field) {
        int length = Ber.readTag(in, Ber.TAG_INTEGER, pdu, field);
        if (length < 1) {
            throw RdpException.malformed(pdu, field, "is empty");
        }
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        BigInteger value = new BigInteger(bytes);
        if (value.signum() <= 0) {
            throw RdpException.malformed(pdu, field, "is not positive");
        }
        return value;
    }
}
