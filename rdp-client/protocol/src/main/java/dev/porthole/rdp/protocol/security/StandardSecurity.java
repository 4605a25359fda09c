package dev.porthole.rdp.protocol.security;

import java.util.function.Consumer;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.crypto.Primitives;
import dev.porthole.rdp.protocol.license.ProprietaryServerCertificate;
import dev.porthole.rdp.protocol.license.ServerCertificate;
import dev.porthole.rdp.protocol.license.ServerPublicKey;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathHeader;
import dev.porthole.rdp.protocol.pdu.gcc.ClientSecurityData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerSecurityData;
import dev.porthole.rdp.protocol.pdu.rdp.NonFipsSecurityHeader;
import dev.porthole.rdp.protocol.pdu.rdp.SecurityHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * Standard RDP Security (MS-RDPBCGR 5.3) for one connection, sans-I/O: checks the server's security data
 * (2.2.1.4.3) and certificate, makes the client random and its RSA encryption for the Client Security
 * Exchange PDU (2.2.1.10, 5.3.4), derives the session keys (5.3.5) and then encrypts and signs what the
 * client sends and decrypts and verifies what the server sends (5.3.6), on the slow path (the Non-FIPS
 * security header, 2.2.8.1.1.2.2) and on the fast path (2.2.8.1.2, 2.2.9.1.2), with the key update every
 * 4096 PDUs (5.3.7). FIPS (3DES) is refused.
 *
 * <p>Standard RDP Security does not authenticate the server: the proprietary certificate is signed with a
 * key whose private half is published in the specification (5.3.3.1.1), and an X.509 chain is not
 * validated. Only a configuration that explicitly opts in should reach this class.
 */
public final class StandardSecurity {

    static final String WHAT = "Standard RDP Security";
    /** What this client offers in TS_UD_CS_SEC.encryptionMethods. */
    public static final int OFFERED_METHODS = ClientSecurityData.ENCRYPTION_METHOD_40BIT
            | ClientSecurityData.ENCRYPTION_METHOD_56BIT | ClientSecurityData.ENCRYPTION_METHOD_128BIT;

    private final int method;
    private final int level;
    private final byte[] macKey;
    private final Rc4Stream encrypt;
    private final Rc4Stream decrypt;
    private final byte[] encryptedClientRandom;

    StandardSecurity(int method, int level, SessionKeys keys, byte[] encryptedClientRandom) {
        this.method = method;
        this.level = level;
        this.macKey = keys.macKey();
        this.encrypt = new Rc4Stream(keys.encryptKey(), method);
        this.decrypt = new Rc4Stream(keys.decryptKey(), method);
        this.encryptedClientRandom = encryptedClientRandom.clone();
    }

    /**
     * Checks the server's TS_UD_SC_SEC1 and certificate, makes a client random with {@code entropy} and
     * derives the keys.
     *
     * @throws RdpException UNSUPPORTED for no encryption or FIPS, MALFORMED for inconsistent fields, TRUST for a
     *                      proprietary certificate whose signature does not verify
     */
    public static StandardSecurity negotiate(ServerSecurityData server, Consumer<byte[]> entropy) {
        int m = server.encryptionMethod();
        int l = server.encryptionLevel();
        if (m == 0 && l == 0) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED, "TS_UD_SC_SEC1: the server selected no encryption "
                    + "(ENCRYPTION_METHOD_NONE, ENCRYPTION_LEVEL_NONE); credentials would travel in clear text");
        }
        if (m == 0 || l == 0) {
            throw RdpException.malformed("TS_UD_SC_SEC1", "encryptionMethod/encryptionLevel", "method 0x"
                    + Integer.toHexString(m) + " with level " + l + " is inconsistent (one is NONE, the other is not)");
        }
        if (l == ServerSecurityData.ENCRYPTION_LEVEL_FIPS || m == ClientSecurityData.ENCRYPTION_METHOD_FIPS) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED, "TS_UD_SC_SEC1: FIPS encryption (level " + l
                    + ", method 0x" + Integer.toHexString(m) + ") is not supported by this client");
        }
        if (l > ServerSecurityData.ENCRYPTION_LEVEL_FIPS) {
            throw RdpException.malformed("TS_UD_SC_SEC1", "encryptionLevel", l + " is not a defined level");
        }
        if ((m & OFFERED_METHODS) != m || Integer.bitCount(m) != 1) {
            throw RdpException.malformed("TS_UD_SC_SEC1", "encryptionMethod", "0x" + Integer.toHexString(m)
                    + " is not one of the offered methods 0x" + Integer.toHexString(OFFERED_METHODS));
        }
        byte[] serverRandom = server.serverRandom();
        if (serverRandom.length != SessionKeys.RANDOM_SIZE) {
            throw RdpException.malformed("TS_UD_SC_SEC1", "serverRandom", "is missing (" + serverRandom.length + " bytes)");
        }
        ServerPublicKey key = serverKey(server.serverCertificate());
        byte[] clientRandom = new byte[SessionKeys.RANDOM_SIZE];
        entropy.accept(clientRandom);
        try {
            byte[] encrypted = key.encrypt(clientRandom);
            return new StandardSecurity(m, l, SessionKeys.derive(clientRandom, serverRandom, m), encrypted);
        } finally {
            Primitives.wipe(clientRandom);
        }
    }

    /**
     * The RSA key of a SERVER_CERTIFICATE (MS-RDPBCGR 2.2.1.4.3.1): a proprietary certificate's key once its
     * signature verifies with the Terminal Services signing key (5.3.3.1.3), or the key of the last
     * certificate of an X.509 chain (5.3.3.1.2).
     */
    static ServerPublicKey serverKey(byte[] certificate) {
        if (certificate.length == 0) {
            throw RdpException.malformed("TS_UD_SC_SEC1", "serverCertificate", "is missing");
        }
        ByteBuf in = Unpooled.wrappedBuffer(certificate);
        ServerCertificate cert = ServerCertificate.decode(in);
        if (cert instanceof ProprietaryServerCertificate p && !p.signatureValid()) {
            throw new RdpException(RdpException.Kind.TRUST, "PROPRIETARYSERVERCERTIFICATE: the signature does not "
                    + "verify with the Terminal Services signing key (MS-RDPBCGR 5.3.3.1)");
        }
        return cert.publicKey();
    }

    public int method() {
        return method;
    }

    public int level() {
        return level;
    }

    /** The client random encrypted with the server's key, 8 zero bytes of padding included (MS-RDPBCGR 5.3.4.1). */
    public byte[] encryptedClientRandom() {
        return encryptedClientRandom.clone();
    }

    /** PDUs encrypted so far (client to server). */
    public long encryptedCount() {
        return encrypt.count();
    }

    /** PDUs decrypted so far (server to client). */
    public long decryptedCount() {
        return decrypt.count();
    }

    /**
     * MS-RDPBCGR 5.3.6.1: First64Bits(MD5(MACKey + Pad2 + SHA(MACKey + Pad1 + DataLength + Data))); with
     * {@code salted} the count of PDUs encrypted before this one follows the data in the SHA input (5.3.6.1.1).
     */
    byte[] mac(byte[] data, boolean salted, long count) {
        byte[] length = le32(data.length);
        byte[] sha = salted ? Primitives.sha1(macKey, Rc4Stream.pad1(), length, data, le32((int) count))
                : Primitives.sha1(macKey, Rc4Stream.pad1(), length, data);
        return java.util.Arrays.copyOf(Primitives.md5(macKey, Rc4Stream.pad2(), sha), NonFipsSecurityHeader.SIGNATURE_SIZE);
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    /** Signs and encrypts {@code plain} in place; returns the MAC (salted with the encryption count on request). */
    private byte[] seal(byte[] plain, boolean salted) {
        byte[] sig = mac(plain, salted, encrypt.count());
        encrypt.process(plain, 0, plain.length);
        return sig;
    }

    /**
     * A slow-path PDU body behind a Non-FIPS security header (MS-RDPBCGR 2.2.8.1.1.2.2): {@code flags} |
     * SEC_ENCRYPT, the MAC of {@code plain} (salted when {@code flags} has SEC_SECURE_CHECKSUM, 5.3.6.1.1) and
     * {@code plain} encrypted. {@code plain} is not changed.
     */
    public void encodeSecured(int flags, ByteBuf plain, ByteBuf out) {
        byte[] data = new byte[plain.readableBytes()];
        plain.getBytes(plain.readerIndex(), data);
        byte[] sig = seal(data, (flags & SecurityHeader.SEC_SECURE_CHECKSUM) != 0);
        SecurityHeader.of(flags | SecurityHeader.SEC_ENCRYPT).encode(out);
        out.writeBytes(sig);
        out.writeBytes(data);
    }

    /** Bytes {@link #encodeSecured} adds in front of the data. */
    public static int securedOverhead() {
        return NonFipsSecurityHeader.SIZE;
    }

    /**
     * Reads the security header of a slow-path PDU from the server; when SEC_ENCRYPT is set, decrypts the rest
     * of {@code in} in place and checks its MAC.
     *
     * @return the security header flags
     * @throws RdpException TRUST when the MAC does not match
     */
    public int unwrap(ByteBuf in) {
        SecurityHeader header = SecurityHeader.decode(in);
        if (header.has(SecurityHeader.SEC_ENCRYPT)) {
            byte[] sig = new byte[NonFipsSecurityHeader.SIGNATURE_SIZE];
            dev.porthole.rdp.protocol.pdu.Wire.need(in, sig.length, "TS_SECURITY_HEADER1", "dataSignature");
            in.readBytes(sig);
            open(in, in.readerIndex(), in.readableBytes(), sig, header.has(SecurityHeader.SEC_SECURE_CHECKSUM),
                    "slow-path PDU (TS_SECURITY_HEADER1)");
        }
        return header.flags();
    }

    /** Decrypts {@code len} bytes of {@code buf} at {@code index} in place and verifies {@code sig}. */
    private void open(ByteBuf buf, int index, int len, byte[] sig, boolean salted, String what) {
        byte[] data = new byte[len];
        buf.getBytes(index, data);
        long count = decrypt.count();
        decrypt.process(data, 0, len);
        byte[] expected = mac(data, salted, count);
        if (!Primitives.constantTimeEquals(expected, sig)) {
            throw new RdpException(RdpException.Kind.TRUST, WHAT + ": the MAC of a " + what + " from the server does not "
                    + "match (decryption #" + (count + 1) + (salted ? ", salted" : "") + "): corrupted or tampered data");
        }
        buf.setBytes(index, data);
    }

    /**
     * A server fast-path PDU (MS-RDPBCGR 2.2.9.1.2) made plain: when FASTPATH_OUTPUT_ENCRYPTED is set the data
     * is decrypted and verified and a new PDU without dataSignature and encryption flags is returned;
     * otherwise a retained duplicate. The caller releases the result; {@code frame} is not consumed.
     */
    public ByteBuf unwrapFastPath(ByteBuf frame, ByteBufAllocator alloc) {
        ByteBuf in = frame.duplicate();
        int start = in.readerIndex();
        FastPathHeader h = FastPathHeader.decode(in);
        int headerBytes = in.readerIndex() - start;
        if ((h.flags() & FastPathHeader.FASTPATH_ENCRYPTED) == 0) {
            return frame.retainedDuplicate();
        }
        int dataLen = h.length() - headerBytes - NonFipsSecurityHeader.SIGNATURE_SIZE;
        if (dataLen < 0) {
            throw RdpException.malformed("TS_FP_UPDATE_PDU", "length", h.length() + " leaves no room for the dataSignature");
        }
        dev.porthole.rdp.protocol.pdu.Wire.need(in, NonFipsSecurityHeader.SIGNATURE_SIZE + dataLen, "TS_FP_UPDATE_PDU", "length");
        byte[] sig = new byte[NonFipsSecurityHeader.SIGNATURE_SIZE];
        in.readBytes(sig);
        byte[] data = new byte[dataLen];
        in.readBytes(data);
        ByteBuf tmp = Unpooled.wrappedBuffer(data);
        open(tmp, 0, dataLen, sig, (h.flags() & FastPathHeader.FASTPATH_SECURE_CHECKSUM) != 0, "fast-path update PDU");
        FastPathHeader plain = new FastPathHeader(h.eventBits(), 0, FastPathHeader.totalLength(dataLen));
        ByteBuf out = alloc.buffer(plain.length());
        plain.encode(out);
        out.writeBytes(data);
        return out;
    }

    /**
     * Encrypts a plain client fast-path input PDU (MS-RDPBCGR 2.2.8.1.2) as {@code plain} encodes it: the
     * header gets FASTPATH_INPUT_ENCRYPTED, the dataSignature follows the length, and numEvents (when present)
     * and the events are encrypted. The caller releases the result; {@code plain} is not consumed.
     */
    public ByteBuf encodeFastPathInput(ByteBuf plain, ByteBufAllocator alloc) {
        ByteBuf in = plain.duplicate();
        int start = in.readerIndex();
        FastPathHeader h = FastPathHeader.decode(in);
        int headerBytes = in.readerIndex() - start;
        byte[] data = new byte[h.length() - headerBytes];
        in.readBytes(data);
        byte[] sig = seal(data, false);
        int length = FastPathHeader.totalLength(NonFipsSecurityHeader.SIGNATURE_SIZE + data.length);
        ByteBuf out = alloc.buffer(length);
        new FastPathHeader(h.eventBits(), FastPathHeader.FASTPATH_ENCRYPTED, length).encode(out);
        out.writeBytes(sig);
        out.writeBytes(data);
        return out;
    }

    @Override
    public String toString() {
        return "StandardSecurity[method=0x" + Integer.toHexString(method) + ", level=" + level + "]";
    }
}
