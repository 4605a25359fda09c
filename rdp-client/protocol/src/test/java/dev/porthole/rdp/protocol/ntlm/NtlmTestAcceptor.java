package dev.porthole.rdp.protocol.ntlm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * A minimal NTLMv2 acceptor (server side of MS-NLMP 3.2.5.1) for tests only. It recomputes
 * everything the client must have computed with its own code and the JDK's HmacMD5, MD5 and
 * ARCFOUR (Bouncy Castle only for MD4, which the JDK does not expose), so a client bug cannot hide
 * behind a shared implementation: NTProofStr with the known password, the LMv2 rule, the key
 * exchange, the MIC, MsvAvFlags, the channel bindings hash and the target name; then it seals and
 * unseals with the server's keys.
 */
public final class NtlmTestAcceptor {

    /** Why an AUTHENTICATE_MESSAGE was refused (the server would answer STATUS_LOGON_FAILURE for all). */
    public enum Verdict { OK, WRONG_USER, WRONG_PASSWORD, BAD_LM_RESPONSE, BAD_TIMESTAMP, BAD_AV_PAIRS, BAD_MIC, BAD_CHANNEL_BINDINGS, BAD_TARGET_NAME }

    public static final int SERVER_FLAGS = 0xe28a8235 | NegotiateFlags.NTLMSSP_NEGOTIATE_TARGET_INFO;

    private final String user;
    private final String domain;
    private final String password;
    private final byte[] serverChallenge;
    private final Long timestamp;
    private final byte[] expectedChannelBindingsHash;
    private final String expectedTargetName;
    private int serverFlags = SERVER_FLAGS;
    private byte[] negotiate;
    private byte[] challenge;
    private AvPairs targetInfo;
    private byte[] exportedSessionKey;
    private Cipher clientSeal;
    private Cipher serverSeal;
    private int clientSeq;
    private int serverSeq;
    private final List<String> notes = new ArrayList<>();

    /**
     * @param timestamp                   MsvAvTimestamp to send, or {@code null} to send none
     * @param expectedChannelBindingsHash the MsvAvChannelBindings value the client must send (Z(16) for none)
     * @param expectedTargetName          the MsvAvTargetName the client must send
     */
    public NtlmTestAcceptor(String user, String domain, String password, byte[] serverChallenge, Long timestamp,
                            byte[] expectedChannelBindingsHash, String expectedTargetName) {
        this.user = user;
        this.domain = domain;
        this.password = password;
        this.serverChallenge = serverChallenge.clone();
        this.timestamp = timestamp;
        this.expectedChannelBindingsHash = expectedChannelBindingsHash.clone();
        this.expectedTargetName = expectedTargetName;
    }

    public NtlmTestAcceptor withServerFlags(int flags) {
        this.serverFlags = flags;
        return this;
    }

    /** Notes on why the last verdict was not OK. */
    public List<String> notes() {
        return notes;
    }

    /** Reads the NEGOTIATE_MESSAGE and answers with a CHALLENGE_MESSAGE. */
    public byte[] challenge(byte[] negotiateMessage) {
        this.negotiate = negotiateMessage.clone();
        NegotiateMessage n = decode(negotiateMessage, NegotiateMessage::decode);
        if ((n.negotiateFlags() & NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE) == 0) {
            throw new AssertionError("client did not offer Unicode");
        }
        List<AvPair> pairs = new ArrayList<>(List.of(
                AvPair.text(AvPair.MSV_AV_NB_DOMAIN_NAME, "TESTDOM"),
                AvPair.text(AvPair.MSV_AV_NB_COMPUTER_NAME, "TESTSRV"),
                AvPair.text(AvPair.MSV_AV_DNS_COMPUTER_NAME, "testsrv.example")));
        if (timestamp != null) {
            pairs.add(AvPair.timestamp(timestamp));
        }
        targetInfo = new AvPairs(pairs);
        int flags = serverFlags & (n.negotiateFlags() | NegotiateFlags.NTLMSSP_NEGOTIATE_TARGET_INFO
                | NegotiateFlags.NTLMSSP_TARGET_TYPE_SERVER);
        ChallengeMessage c = new ChallengeMessage(flags, serverChallenge, "TESTSRV", targetInfo,
                (flags & NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION) != 0 ? new NtlmVersion(10, 0, 17763, 15) : null);
        ByteBuf buf = Unpooled.buffer();
        try {
            c.encode(buf);
            challenge = new byte[buf.readableBytes()];
            buf.readBytes(challenge);
        } finally {
            buf.release();
        }
        return challenge.clone();
    }

    /** Verifies the AUTHENTICATE_MESSAGE; on OK the server's sealing state is ready. */
    public Verdict accept(byte[] authenticateMessage) {
        notes.clear();
        AuthenticateMessage a = decode(authenticateMessage, AuthenticateMessage::decode);
        if (!a.userName().equalsIgnoreCase(user) || !a.domainName().equals(domain)) {
            notes.add("user " + a.domainName() + "\\" + a.userName());
            return Verdict.WRONG_USER;
        }
        byte[] responseKeyNT = hmacMd5(md4(utf16(password)), utf16(user.toUpperCase(java.util.Locale.ROOT) + domain));
        byte[] nt = a.ntChallengeResponse();
        byte[] ntProofStr = Arrays.copyOf(nt, 16);
        byte[] temp = Arrays.copyOfRange(nt, 16, nt.length);
        if (!MessageDigest.isEqual(ntProofStr, hmacMd5(responseKeyNT, concat(serverChallenge, temp)))) {
            return Verdict.WRONG_PASSWORD;
        }
        ByteBuffer t = ByteBuffer.wrap(temp).order(ByteOrder.LITTLE_ENDIAN);
        if (t.get() != 1 || t.get() != 1) {
            notes.add("response version");
            return Verdict.BAD_AV_PAIRS;
        }
        long time = t.getLong(8);
        byte[] clientChallenge = Arrays.copyOfRange(temp, 16, 24);
        if (timestamp != null && time != timestamp) {
            notes.add("time " + time);
            return Verdict.BAD_TIMESTAMP;
        }
        byte[] expectedLm = timestamp != null ? new byte[24]
                : concat(hmacMd5(responseKeyNT, concat(serverChallenge, clientChallenge)), clientChallenge);
        if (!Arrays.equals(a.lmChallengeResponse(), expectedLm)) {
            return Verdict.BAD_LM_RESPONSE;
        }
        // temp = header(28) + AvPairs + Z(4): the AvPairs end with MsvAvEOL followed by the four zero bytes.
        if (!Arrays.equals(Arrays.copyOfRange(temp, temp.length - 4, temp.length), new byte[4])) {
            notes.add("temp does not end with Z(4)");
            return Verdict.BAD_AV_PAIRS;
        }
        AvPairs sent = decode(Arrays.copyOfRange(temp, 28, temp.length - 4), b -> AvPairs.decode(b, "test"));
        for (AvPair p : targetInfo.pairs()) {
            if (!sent.pairs().contains(p)) {
                notes.add("missing server pair " + p);
                return Verdict.BAD_AV_PAIRS;
            }
        }
        int avFlags = sent.flags();
        boolean micExpected = timestamp != null;
        if (((avFlags & AvPair.AV_FLAG_MIC_PRESENT) != 0) != micExpected || (a.mic() != null) != micExpected) {
            notes.add("MsvAvFlags " + avFlags + ", MIC field " + (a.mic() != null));
            return Verdict.BAD_MIC;
        }
        byte[] cb = sent.find(AvPair.MSV_AV_CHANNEL_BINDINGS).map(AvPair::value).orElse(null);
        if (cb == null || !Arrays.equals(cb, expectedChannelBindingsHash)) {
            return Verdict.BAD_CHANNEL_BINDINGS;
        }
        String spn = sent.find(AvPair.MSV_AV_TARGET_NAME).map(AvPair::asText).orElse(null);
        if (!expectedTargetName.equals(spn)) {
            notes.add("target name " + spn);
            return Verdict.BAD_TARGET_NAME;
        }
        byte[] sessionBaseKey = hmacMd5(responseKeyNT, ntProofStr);
        boolean keyExchange = (a.negotiateFlags() & NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH) != 0;
        exportedSessionKey = keyExchange ? rc4k(sessionBaseKey, a.encryptedRandomSessionKey()) : sessionBaseKey;
        if (micExpected) {
            byte[] zeroed = authenticateMessage.clone();
            Arrays.fill(zeroed, AuthenticateMessage.MIC_OFFSET, AuthenticateMessage.MIC_OFFSET + 16, (byte) 0);
            byte[] mic = hmacMd5(exportedSessionKey, concat(concat(negotiate, challenge), zeroed));
            if (!Arrays.equals(mic, a.mic())) {
                return Verdict.BAD_MIC;
            }
        }
        clientSeal = rc4(md5(concat(exportedSessionKey, magic("session key to client-to-server sealing key magic constant"))));
        serverSeal = rc4(md5(concat(exportedSessionKey, magic("session key to server-to-client sealing key magic constant"))));
        return Verdict.OK;
    }

    /** GSS_UnwrapEx of a client token: signature(16) + sealed data; throws AssertionError when it does not verify. */
    public byte[] unsealFromClient(byte[] token) {
        byte[] plain = clientSeal.update(Arrays.copyOfRange(token, 16, token.length));
        byte[] checksum = clientSeal.update(Arrays.copyOfRange(token, 4, 12));
        byte[] signKey = md5(concat(exportedSessionKey, magic("session key to client-to-server signing key magic constant")));
        byte[] expected = Arrays.copyOf(hmacMd5(signKey, concat(le32(clientSeq), plain)), 8);
        if (!Arrays.equals(expected, checksum) || !Arrays.equals(Arrays.copyOfRange(token, 12, 16), le32(clientSeq))
                || !Arrays.equals(Arrays.copyOf(token, 4), le32(1))) {
            throw new AssertionError("client token does not verify with the server's view of the keys");
        }
        clientSeq++;
        return plain;
    }

    /** GSS_WrapEx towards the client with the server's keys. */
    public byte[] sealToClient(byte[] plain) {
        byte[] sealed = serverSeal.update(plain);
        byte[] signKey = md5(concat(exportedSessionKey, magic("session key to server-to-client signing key magic constant")));
        byte[] checksum = serverSeal.update(Arrays.copyOf(hmacMd5(signKey, concat(le32(serverSeq), plain)), 8));
        byte[] signature = concat(concat(le32(1), checksum), le32(serverSeq));
        serverSeq++;
        return concat(signature, sealed);
    }

    // --- independent primitives -------------------------------------------------------------

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    static byte[] magic(String s) {
        return concat(s.getBytes(StandardCharsets.US_ASCII), new byte[1]);
    }

    static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] md4(byte[] data) {
        MD4Digest d = new MD4Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[16];
        d.doFinal(out, 0);
        return out;
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] hmacMd5(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static Cipher rc4(byte[] key) {
        try {
            Cipher c = Cipher.getInstance("ARCFOUR");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
            return c;
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] rc4k(byte[] key, byte[] data) {
        return rc4(key).update(data);
    }

    static <T> T decode(byte[] bytes, java.util.function.Function<ByteBuf, T> decoder) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return decoder.apply(buf);
        } finally {
            buf.release();
        }
    }
}
