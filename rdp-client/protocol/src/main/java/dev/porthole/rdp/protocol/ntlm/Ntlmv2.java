package dev.porthole.rdp.protocol.ntlm;

import dev.porthole.rdp.protocol.crypto.Primitives;

import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The NTLM v2 computations of MS-NLMP 3.3.2 (NTOWFv2, ComputeResponse, SessionBaseKey), 3.4.5.1
 * (KXKEY for NTLM v2) and the MIC of 3.1.5.1.2. Pure functions of their inputs; callers wipe the
 * keys they get back when done with them.
 */
public final class Ntlmv2 {

    static final String PDU = "NTLMv2";
    /** Responserversion and HiResponserversion of 3.3.2. */
    static final int RESPONSE_VERSION = 1;
    /** Offset of the AvPairs inside NTLMv2_CLIENT_CHALLENGE (2.2.2.7). */
    public static final int CLIENT_CHALLENGE_AV_PAIRS_OFFSET = 28;

    private Ntlmv2() {}

    /**
     * NTOWFv2(Passwd, User, UserDom) = HMAC_MD5(MD4(UNICODE(Passwd)), UNICODE(Uppercase(User) + UserDom)).
     * The password's UTF-16LE copy is wiped before returning. Uppercasing is per UTF-16 code unit,
     * as Windows' RtlUpcaseUnicodeString does (no length-changing special cases).
     */
    public static byte[] ntowfV2(char[] password, String user, String userDom) {
        byte[] unicodePassword = utf16le(password);
        byte[] md4 = Primitives.md4(unicodePassword);
        Primitives.wipe(unicodePassword);
        try {
            char[] upper = user.toCharArray();
            for (int i = 0; i < upper.length; i++) {
                upper[i] = Character.toUpperCase(upper[i]);
            }
            return Primitives.hmacMd5(md4, utf16le((new String(upper) + userDom).toCharArray()));
        } finally {
            Primitives.wipe(md4);
        }
    }

    static byte[] utf16le(char[] chars) {
        byte[] out = new byte[chars.length * 2];
        for (int i = 0; i < chars.length; i++) {
            out[2 * i] = (byte) chars[i];
            out[2 * i + 1] = (byte) (chars[i] >>> 8);
        }
        return out;
    }

    /**
     * temp of 3.3.2: ConcatenationOf(Responserversion, HiResponserversion, Z(6), Time, ClientChallenge,
     * Z(4), ServerName, Z(4)) — an NTLMv2_CLIENT_CHALLENGE (2.2.2.7) followed by four zero bytes.
     */
    public static byte[] temp(long time, byte[] clientChallenge, AvPairs serverName) {
        requireSize(clientChallenge, 8, "ClientChallenge");
        ByteBuf buf = Unpooled.buffer(CLIENT_CHALLENGE_AV_PAIRS_OFFSET + serverName.size() + 4);
        try {
            buf.writeByte(RESPONSE_VERSION);
            buf.writeByte(RESPONSE_VERSION);
            buf.writeZero(6);
            buf.writeLongLE(time);
            buf.writeBytes(clientChallenge);
            buf.writeZero(4);
            serverName.encode(buf);
            buf.writeZero(4);
            byte[] out = new byte[buf.readableBytes()];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }

    /**
     * ComputeResponse of 3.3.2 for a named user. When {@code omitLmResponse} is set (the server sent
     * MsvAvTimestamp, 3.1.5.1.2) LmChallengeResponse is Z(24) instead of the LMv2 response.
     */
    public static Response computeResponse(byte[] responseKeyNT, byte[] serverChallenge, byte[] clientChallenge,
                                           long time, AvPairs serverName, boolean omitLmResponse) {
        requireSize(responseKeyNT, 16, "ResponseKeyNT");
        requireSize(serverChallenge, 8, "ServerChallenge");
        byte[] temp = temp(time, clientChallenge, serverName);
        byte[] ntProofStr = Primitives.hmacMd5(responseKeyNT, serverChallenge, temp);
        byte[] nt = Primitives.concat(ntProofStr, temp);
        byte[] lm = omitLmResponse ? new byte[24] : lmv2Response(responseKeyNT, serverChallenge, clientChallenge);
        byte[] sessionBaseKey = Primitives.hmacMd5(responseKeyNT, ntProofStr);
        return new Response(nt, lm, sessionBaseKey);
    }

    /** LMv2_RESPONSE (2.2.2.4): HMAC_MD5(ResponseKeyLM, ServerChallenge + ClientChallenge) + ClientChallenge; ResponseKeyLM = NTOWFv2. */
    public static byte[] lmv2Response(byte[] responseKeyLM, byte[] serverChallenge, byte[] clientChallenge) {
        return Primitives.concat(Primitives.hmacMd5(responseKeyLM, serverChallenge, clientChallenge), clientChallenge);
    }

    /** NTProofStr = HMAC_MD5(ResponseKeyNT, ServerChallenge + temp): what a server recomputes to check a response. */
    public static byte[] ntProofStr(byte[] responseKeyNT, byte[] serverChallenge, byte[] temp) {
        return Primitives.hmacMd5(responseKeyNT, serverChallenge, temp);
    }

    /** SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr). */
    public static byte[] sessionBaseKey(byte[] responseKeyNT, byte[] ntProofStr) {
        return Primitives.hmacMd5(responseKeyNT, ntProofStr);
    }

    /** KXKEY for NTLM v2 (3.4.5.1): the KeyExchangeKey is the SessionBaseKey. */
    public static byte[] keyExchangeKey(byte[] sessionBaseKey) {
        return sessionBaseKey.clone();
    }

    /** EncryptedRandomSessionKey = RC4K(KeyExchangeKey, ExportedSessionKey); also its inverse. */
    public static byte[] rc4k(byte[] key, byte[] data) {
        return Primitives.rc4k(key, data);
    }

    /** MIC = HMAC_MD5(ExportedSessionKey, NEGOTIATE_MESSAGE + CHALLENGE_MESSAGE + AUTHENTICATE_MESSAGE with MIC zeroed). */
    public static byte[] mic(byte[] exportedSessionKey, byte[] negotiate, byte[] challenge, byte[] authenticateWithZeroMic) {
        return Primitives.hmacMd5(exportedSessionKey, negotiate, challenge, authenticateWithZeroMic);
    }

    private static void requireSize(byte[] bytes, int size, String field) {
        if (bytes == null || bytes.length != size) {
            throw RdpException.argument(PDU, field, "must be " + size + " bytes");
        }
    }

    /**
     * The outputs of ComputeResponse. {@link #toString()} shows lengths only.
     *
     * @param ntChallengeResponse NTLMv2_RESPONSE: NTProofStr followed by temp
     * @param lmChallengeResponse LMv2_RESPONSE or Z(24)
     * @param sessionBaseKey      the 16-byte SessionBaseKey (secret)
     */
    public record Response(byte[] ntChallengeResponse, byte[] lmChallengeResponse, byte[] sessionBaseKey) {

        /** The first 16 bytes of the NT response. */
        public byte[] ntProofStr() {
            return Arrays.copyOf(ntChallengeResponse, 16);
        }

        /** Overwrites the session base key. */
        public void wipe() {
            Primitives.wipe(sessionBaseKey);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Response r && Arrays.equals(r.ntChallengeResponse, ntChallengeResponse)
                    && Arrays.equals(r.lmChallengeResponse, lmChallengeResponse) && Arrays.equals(r.sessionBaseKey, sessionBaseKey);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ntChallengeResponse);
        }

        @Override
        public String toString() {
            return "Ntlmv2.Response[nt=" + ntChallengeResponse.length + " bytes, lm=" + lmChallengeResponse.length
                    + " bytes, sessionBaseKey=(redacted)]";
        }
    }
}
