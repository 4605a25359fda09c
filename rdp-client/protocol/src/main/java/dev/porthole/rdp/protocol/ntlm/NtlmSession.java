package dev.porthole.rdp.protocol.ntlm;

import dev.porthole.rdp.protocol.crypto.Primitives;

import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_128;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_56;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_SEAL;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.bouncycastle.crypto.engines.RC4Engine;

/**
 * NTLM session security with extended session security (MS-NLMP 3.4): the signing and sealing
 * keys of 3.4.5.2/3.4.5.3, one RC4 handle and one sequence number per direction, SEAL (3.4.3) with
 * the MAC of 3.4.4.2, and the inverse checks on receipt. Wrapped tokens are laid out as CredSSP
 * carries them (MS-CSSP 2.2.1 authInfo/pubKeyAuth): the 16-byte {@link MessageSignature} followed by
 * the sealed data.
 *
 * <p>Only extended session security is supported (no NTLMv1 session security). Messages must be
 * processed in order; the object is not thread-safe (the protocol core is single-threaded).
 */
public final class NtlmSession {

    static final String PDU = "NTLM session";
    static final byte[] CLIENT_SIGNING = magic("session key to client-to-server signing key magic constant");
    static final byte[] SERVER_SIGNING = magic("session key to server-to-client signing key magic constant");
    static final byte[] CLIENT_SEALING = magic("session key to client-to-server sealing key magic constant");
    static final byte[] SERVER_SEALING = magic("session key to server-to-client sealing key magic constant");

    /** Which side of the exchange this session is. */
    public enum Role { CLIENT, SERVER }

    private final int negotiatedFlags;
    private final byte[] outSigningKey;
    private final byte[] inSigningKey;
    private final RC4Engine outHandle;
    private final RC4Engine inHandle;
    private int outSeqNum;
    private int inSeqNum;

    /**
     * @param role               whose keys sign and seal outgoing messages
     * @param exportedSessionKey the 16-byte ExportedSessionKey (not retained)
     * @param negotiatedFlags    NegFlg; must include NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY
     */
    public NtlmSession(Role role, byte[] exportedSessionKey, int negotiatedFlags) {
        if (exportedSessionKey == null || exportedSessionKey.length != 16) {
            throw RdpException.argument(PDU, "ExportedSessionKey", "must be 16 bytes");
        }
        if (!NegotiateFlags.has(negotiatedFlags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED,
                    PDU + ".NegotiateFlags: session security without NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY (NTLMv1) is not supported");
        }
        this.negotiatedFlags = negotiatedFlags;
        boolean client = role == Role.CLIENT;
        this.outSigningKey = signKey(exportedSessionKey, client);
        this.inSigningKey = signKey(exportedSessionKey, !client);
        byte[] outSeal = sealKey(negotiatedFlags, exportedSessionKey, client);
        byte[] inSeal = sealKey(negotiatedFlags, exportedSessionKey, !client);
        this.outHandle = Primitives.rc4Init(outSeal);
        this.inHandle = Primitives.rc4Init(inSeal);
        Primitives.wipe(outSeal);
        Primitives.wipe(inSeal);
    }

    private static byte[] magic(String constant) {
        byte[] ascii = constant.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(ascii, ascii.length + 1); // null-terminated
    }

    /** SIGNKEY (3.4.5.2) with extended session security: MD5(ExportedSessionKey + magic constant). */
    public static byte[] signKey(byte[] exportedSessionKey, boolean client) {
        return Primitives.md5(exportedSessionKey, client ? CLIENT_SIGNING : SERVER_SIGNING);
    }

    /** SEALKEY (3.4.5.3) with extended session security: the key is cut to 128, 56 or 40 bits, then hashed. */
    public static byte[] sealKey(int negotiatedFlags, byte[] exportedSessionKey, boolean client) {
        int length = NegotiateFlags.has(negotiatedFlags, NTLMSSP_NEGOTIATE_128) ? 16
                : NegotiateFlags.has(negotiatedFlags, NTLMSSP_NEGOTIATE_56) ? 7 : 5;
        byte[] key = Arrays.copyOf(exportedSessionKey, length);
        try {
            return Primitives.md5(key, client ? CLIENT_SEALING : SERVER_SEALING);
        } finally {
            Primitives.wipe(key);
        }
    }

    /** The negotiated flags this session was built with. */
    public int negotiatedFlags() {
        return negotiatedFlags;
    }

    /**
     * GSS_WrapEx (3.4.6) with confidentiality: returns the signature followed by RC4(Handle, message);
     * the signature's checksum covers the plaintext and the sequence number.
     */
    public byte[] seal(byte[] message) {
        if (!NegotiateFlags.has(negotiatedFlags, NTLMSSP_NEGOTIATE_SEAL)) {
            throw new RdpException(RdpException.Kind.STATE, PDU + ".NegotiateFlags: NTLMSSP_NEGOTIATE_SEAL was not negotiated");
        }
        byte[] sealed = Primitives.rc4(outHandle, message);
        MessageSignature signature = mac(message);
        return Primitives.concat(encode(signature), sealed);
    }

    /**
     * GSS_UnwrapEx (3.4.7): decrypts a token from the peer and verifies its signature and sequence
     * number. A token that does not verify fails with {@link RdpException.Kind#TRUST}.
     */
    public byte[] unseal(byte[] token) {
        if (!NegotiateFlags.has(negotiatedFlags, NTLMSSP_NEGOTIATE_SEAL)) {
            throw new RdpException(RdpException.Kind.STATE, PDU + ".NegotiateFlags: NTLMSSP_NEGOTIATE_SEAL was not negotiated");
        }
        if (token.length < MessageSignature.SIZE) {
            throw RdpException.malformed(PDU, "sealed token", "needs at least " + MessageSignature.SIZE + " bytes, has " + token.length);
        }
        MessageSignature received = decode(Arrays.copyOf(token, MessageSignature.SIZE));
        byte[] plain = Primitives.rc4(inHandle, Arrays.copyOfRange(token, MessageSignature.SIZE, token.length));
        checkMac(plain, received);
        return plain;
    }

    /** GSS_GetMICEx (3.4.8): the 16-byte signature of {@code message} (sent in the clear). */
    public byte[] sign(byte[] message) {
        return encode(mac(message));
    }

    /** GSS_VerifyMICEx (3.4.9): fails with {@link RdpException.Kind#TRUST} unless {@code signature} signs {@code message}. */
    public void verify(byte[] message, byte[] signature) {
        if (signature.length != MessageSignature.SIZE) {
            throw RdpException.malformed(PDU, "signature", "must be " + MessageSignature.SIZE + " bytes, is " + signature.length);
        }
        checkMac(message, decode(signature));
    }

    /** MAC (3.4.4.2) for an outgoing message; advances the outgoing sequence number and RC4 state. */
    private MessageSignature mac(byte[] message) {
        byte[] checksum = checksum(outSigningKey, outSeqNum, message);
        if (NegotiateFlags.has(negotiatedFlags, NTLMSSP_NEGOTIATE_KEY_EXCH)) {
            checksum = Primitives.rc4(outHandle, checksum);
        }
        return new MessageSignature(checksum, outSeqNum++);
    }

    private void checkMac(byte[] message, MessageSignature received) {
        byte[] checksum = received.checksum();
        if (NegotiateFlags.has(negotiatedFlags, NTLMSSP_NEGOTIATE_KEY_EXCH)) {
            checksum = Primitives.rc4(inHandle, checksum);
        }
        if (received.seqNum() != inSeqNum) {
            throw new RdpException(RdpException.Kind.TRUST, MessageSignature.PDU + ".SeqNum: is "
                    + Integer.toUnsignedString(received.seqNum()) + ", expected " + Integer.toUnsignedString(inSeqNum));
        }
        byte[] expected = checksum(inSigningKey, inSeqNum, message);
        if (!Primitives.constantTimeEquals(expected, checksum)) {
            throw new RdpException(RdpException.Kind.TRUST, MessageSignature.PDU
                    + ".Checksum: does not verify (the message was altered or the keys differ)");
        }
        inSeqNum++;
    }

    private static byte[] checksum(byte[] signingKey, int seqNum, byte[] message) {
        byte[] seq = {(byte) seqNum, (byte) (seqNum >>> 8), (byte) (seqNum >>> 16), (byte) (seqNum >>> 24)};
        return Arrays.copyOf(Primitives.hmacMd5(signingKey, seq, message), 8);
    }

    private static byte[] encode(MessageSignature signature) {
        ByteBuf buf = Unpooled.buffer(MessageSignature.SIZE);
        try {
            signature.encode(buf);
            byte[] out = new byte[MessageSignature.SIZE];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }

    private static MessageSignature decode(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return MessageSignature.decode(buf);
        } finally {
            buf.release();
        }
    }

    /**
     * Overwrites the signing keys; the session is unusable afterwards (Bouncy Castle's RC4 state is
     * left to the garbage collector).
     */
    public void destroy() {
        Primitives.wipe(outSigningKey);
        Primitives.wipe(inSigningKey);
    }

    @Override
    public String toString() {
        return "NtlmSession[flags=" + NegotiateFlags.describe(negotiatedFlags) + ", outSeqNum="
                + Integer.toUnsignedString(outSeqNum) + ", inSeqNum=" + Integer.toUnsignedString(inSeqNum) + "]";
    }
}
