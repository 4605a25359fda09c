package dev.porthole.rdp.protocol.ntlm;

import dev.porthole.rdp.protocol.crypto.Primitives;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/**
 * The NTLMv2 example of MS-NLMP section 4.2.4 with the common values of 4.2.1 (User "User",
 * UserDom "Domain", Passwd "Password", Workstation "COMPUTER"; binary inputs in the 4.2.1-*.hex
 * vectors): every intermediate value, both messages byte for byte, and the GSS_WrapEx output.
 */
class NtlmGoldenTest {

    static final String V = "/vectors/ms-nlmp/";
    static final byte[] RANDOM_SESSION_KEY = HexVectors.load(V + "4.2.1-random-session-key.hex");
    static final byte[] CLIENT_CHALLENGE = HexVectors.load(V + "4.2.1-client-challenge.hex");
    static final byte[] SERVER_CHALLENGE = HexVectors.load(V + "4.2.1-server-challenge.hex");
    static final long TIME = ByteBuffer.wrap(HexVectors.load(V + "4.2.1-time.hex")).order(ByteOrder.LITTLE_ENDIAN).getLong();
    static final byte[] CHALLENGE = HexVectors.load(V + "4.2.4.3-challenge-message.hex");
    static final byte[] AUTHENTICATE = HexVectors.load(V + "4.2.4.3-authenticate-message.hex");

    static <T> T decode(byte[] bytes, java.util.function.Function<ByteBuf, T> decoder) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            T value = decoder.apply(buf);
            assertThat(buf.isReadable()).as("decoder consumed the whole message").isFalse();
            return value;
        } finally {
            buf.release();
        }
    }

    static byte[] ntowf() {
        return Ntlmv2.ntowfV2("Password".toCharArray(), "User", "Domain");
    }

    @Test
    void ntowfV2MatchesTheSpec() {
        assertThat(ntowf()).isEqualTo(HexVectors.load(V + "4.2.4.1.1-ntowfv2.hex"));
    }

    @Test
    void ntowfV2UppercasesTheUserButNotTheDomain() {
        assertThat(Ntlmv2.ntowfV2("Password".toCharArray(), "uSeR", "Domain")).isEqualTo(ntowf());
        assertThat(Ntlmv2.ntowfV2("Password".toCharArray(), "User", "DOMAIN")).isNotEqualTo(ntowf());
        assertThat(Ntlmv2.ntowfV2("password".toCharArray(), "User", "Domain")).isNotEqualTo(ntowf());
    }

    @Test
    void decodesTheSpecChallengeMessage() {
        ChallengeMessage c = decode(CHALLENGE, ChallengeMessage::decode);
        assertThat(c.negotiateFlags()).isEqualTo(0xe28a8233);
        assertThat(c.serverChallenge()).isEqualTo(SERVER_CHALLENGE);
        assertThat(c.targetName()).isEqualTo("Server");
        assertThat(c.version()).isEqualTo(new NtlmVersion(6, 0, 6000, 15));
        assertThat(c.targetInfo().pairs()).containsExactly(
                AvPair.text(AvPair.MSV_AV_NB_DOMAIN_NAME, "Domain"), AvPair.text(AvPair.MSV_AV_NB_COMPUTER_NAME, "Server"));
        assertThat(c.targetInfo().timestamp()).isEmpty();
        assertThat(HexVectors.encode(c::encode)).isEqualTo(CHALLENGE);
        assertThat(c.size()).isEqualTo(CHALLENGE.length);
    }

    @Test
    void tempSessionBaseKeyAndResponsesMatchTheSpec() {
        AvPairs serverName = decode(CHALLENGE, ChallengeMessage::decode).targetInfo();
        assertThat(Ntlmv2.temp(TIME, CLIENT_CHALLENGE, serverName)).isEqualTo(HexVectors.load(V + "4.2.4.1.3-temp.hex"));

        Ntlmv2.Response r = Ntlmv2.computeResponse(ntowf(), SERVER_CHALLENGE, CLIENT_CHALLENGE, TIME, serverName, false);
        assertThat(r.ntProofStr()).isEqualTo(HexVectors.load(V + "4.2.4.2.2-ntproofstr.hex"));
        assertThat(r.lmChallengeResponse()).isEqualTo(HexVectors.load(V + "4.2.4.2.1-lmv2-response.hex"));
        assertThat(r.sessionBaseKey()).isEqualTo(HexVectors.load(V + "4.2.4.1.2-session-base-key.hex"));
        assertThat(Arrays.copyOfRange(r.ntChallengeResponse(), 16, r.ntChallengeResponse().length))
                .isEqualTo(HexVectors.load(V + "4.2.4.1.3-temp.hex"));
        assertThat(r.toString()).doesNotContain("8de40c").contains("redacted");
    }

    @Test
    void lmResponseIsZeroWhenTheServerSentATimestamp() {
        AvPairs serverName = decode(CHALLENGE, ChallengeMessage::decode).targetInfo();
        Ntlmv2.Response r = Ntlmv2.computeResponse(ntowf(), SERVER_CHALLENGE, CLIENT_CHALLENGE, TIME, serverName, true);
        assertThat(r.lmChallengeResponse()).isEqualTo(new byte[24]);
        assertThat(r.ntProofStr()).isEqualTo(HexVectors.load(V + "4.2.4.2.2-ntproofstr.hex"));
    }

    @Test
    void keyExchangeMatchesTheSpec() {
        byte[] keyExchangeKey = Ntlmv2.keyExchangeKey(HexVectors.load(V + "4.2.4.1.2-session-base-key.hex"));
        byte[] encrypted = Ntlmv2.rc4k(keyExchangeKey, RANDOM_SESSION_KEY);
        assertThat(encrypted).isEqualTo(HexVectors.load(V + "4.2.4.2.3-encrypted-session-key.hex"));
        assertThat(Ntlmv2.rc4k(keyExchangeKey, encrypted)).isEqualTo(RANDOM_SESSION_KEY);
    }

    @Test
    void encodesTheSpecAuthenticateMessageByteForByte() {
        AvPairs serverName = decode(CHALLENGE, ChallengeMessage::decode).targetInfo();
        Ntlmv2.Response r = Ntlmv2.computeResponse(ntowf(), SERVER_CHALLENGE, CLIENT_CHALLENGE, TIME, serverName, false);
        byte[] encryptedKey = Ntlmv2.rc4k(Ntlmv2.keyExchangeKey(r.sessionBaseKey()), RANDOM_SESSION_KEY);
        AuthenticateMessage a = new AuthenticateMessage(0xe2888235, r.lmChallengeResponse(), r.ntChallengeResponse(),
                "Domain", "User", "COMPUTER", encryptedKey, new NtlmVersion(5, 1, 2600, 15), null);
        assertThat(HexVectors.encode(a::encode)).isEqualTo(AUTHENTICATE);
        assertThat(a.size()).isEqualTo(AUTHENTICATE.length);
        assertThat(decode(AUTHENTICATE, AuthenticateMessage::decode)).isEqualTo(a);
        assertThat(a.toString()).contains("user=User").doesNotContain("68cd0ab8");
    }

    @Test
    void signingAndSealingKeysMatchTheSpec() {
        int flags = 0xe2888235;
        assertThat(NtlmSession.sealKey(flags, RANDOM_SESSION_KEY, true)).isEqualTo(HexVectors.load(V + "4.2.4.4-client-sealing-key.hex"));
        assertThat(NtlmSession.signKey(RANDOM_SESSION_KEY, true)).isEqualTo(HexVectors.load(V + "4.2.4.4-client-signing-key.hex"));
        assertThat(NtlmSession.signKey(RANDOM_SESSION_KEY, false)).isNotEqualTo(NtlmSession.signKey(RANDOM_SESSION_KEY, true));
    }

    @Test
    void checksumBeforeRc4MatchesTheSpec() {
        byte[] signingKey = HexVectors.load(V + "4.2.4.4-client-signing-key.hex");
        byte[] mac = Primitives.hmacMd5(signingKey, new byte[4], HexVectors.load(V + "4.2.4.4-plaintext.hex"));
        assertThat(Arrays.copyOf(mac, 8)).isEqualTo(HexVectors.load(V + "4.2.4.4-checksum.hex"));
    }

    @Test
    void sealingMatchesTheSpecGssWrapExample() {
        NtlmSession client = new NtlmSession(NtlmSession.Role.CLIENT, RANDOM_SESSION_KEY, 0xe2888235);
        byte[] token = client.seal(HexVectors.load(V + "4.2.4.4-plaintext.hex"));
        byte[] signature = HexVectors.load(V + "4.2.4.4-signature.hex");
        byte[] sealed = HexVectors.load(V + "4.2.4.4-sealed-data.hex");
        assertThat(Arrays.copyOf(token, 16)).isEqualTo(signature);
        assertThat(Arrays.copyOfRange(token, 16, token.length)).isEqualTo(sealed);

        NtlmSession server = new NtlmSession(NtlmSession.Role.SERVER, RANDOM_SESSION_KEY, 0xe2888235);
        assertThat(server.unseal(token)).isEqualTo(HexVectors.load(V + "4.2.4.4-plaintext.hex"));
    }

    @Test
    void tamperedOrReplayedTokensDoNotVerify() {
        byte[] plain = HexVectors.load(V + "4.2.4.4-plaintext.hex");
        byte[] token = new NtlmSession(NtlmSession.Role.CLIENT, RANDOM_SESSION_KEY, 0xe2888235).seal(plain);
        byte[] flipped = token.clone();
        flipped[20] ^= 1;
        assertThatThrownBy(() -> new NtlmSession(NtlmSession.Role.SERVER, RANDOM_SESSION_KEY, 0xe2888235).unseal(flipped))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.TRUST))
                .hasMessageContaining("Checksum");

        NtlmSession server = new NtlmSession(NtlmSession.Role.SERVER, RANDOM_SESSION_KEY, 0xe2888235);
        server.unseal(token);
        assertThatThrownBy(() -> server.unseal(token)).isInstanceOf(RdpException.class).hasMessageContaining("SeqNum: is 0, expected 1");

        // The client cannot unseal its own token: the directions use different keys.
        assertThatThrownBy(() -> new NtlmSession(NtlmSession.Role.CLIENT, RANDOM_SESSION_KEY, 0xe2888235).unseal(token))
                .isInstanceOf(RdpException.class);
    }

    @Test
    void signAndVerifyWithoutSealing() {
        NtlmSession client = new NtlmSession(NtlmSession.Role.CLIENT, RANDOM_SESSION_KEY, 0xe2888235);
        NtlmSession server = new NtlmSession(NtlmSession.Role.SERVER, RANDOM_SESSION_KEY, 0xe2888235);
        byte[] message = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < 3; i++) {
            byte[] sig = client.sign(message);
            assertThat(sig).hasSize(16);
            assertThat(ByteBuffer.wrap(sig, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(i);
            server.verify(message, sig);
        }
        byte[] sig = client.sign(message);
        assertThatThrownBy(() -> server.verify("hellp".getBytes(java.nio.charset.StandardCharsets.US_ASCII), sig))
                .isInstanceOf(RdpException.class).hasMessageContaining("Checksum");
    }

    @Test
    void sessionSecurityRequiresExtendedSessionSecurity() {
        assertThatThrownBy(() -> new NtlmSession(NtlmSession.Role.CLIENT, RANDOM_SESSION_KEY, 0xe2808235))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED));
    }

    @Test
    void sealKeyIsCutTo56Or40BitsBeforeHashing() {
        byte[] k128 = NtlmSession.sealKey(NegotiateFlags.NTLMSSP_NEGOTIATE_128, RANDOM_SESSION_KEY, true);
        byte[] k56 = NtlmSession.sealKey(NegotiateFlags.NTLMSSP_NEGOTIATE_56, RANDOM_SESSION_KEY, true);
        byte[] k40 = NtlmSession.sealKey(0, RANDOM_SESSION_KEY, true);
        assertThat(List.of(Arrays.toString(k128), Arrays.toString(k56), Arrays.toString(k40))).doesNotHaveDuplicates();
        assertThat(k56).isEqualTo(Primitives.md5(Arrays.copyOf(RANDOM_SESSION_KEY, 7), NtlmSession.CLIENT_SEALING));
    }
}
