package dev.porthole.rdp.protocol.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.function.Function;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

/** Malformed variants of the MS-NLMP 4.2.4.3 messages: every bad field is MALFORMED and named. */
class NtlmDecoderTest {

    static final byte[] CHALLENGE = NtlmGoldenTest.CHALLENGE;
    static final byte[] AUTHENTICATE = NtlmGoldenTest.AUTHENTICATE;

    static void rejects(byte[] bytes, Function<ByteBuf, ?> decoder, String field) {
        assertThatThrownBy(() -> NtlmGoldenTest.decode(bytes, decoder))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                .hasMessageContaining(field);
    }

    static byte[] with(byte[] base, int at, int... values) {
        byte[] copy = base.clone();
        for (int i = 0; i < values.length; i++) {
            copy[at + i] = (byte) values[i];
        }
        return copy;
    }

    @Test
    void challengeSignatureTypeAndTruncation() {
        rejects(with(CHALLENGE, 0, 'X'), ChallengeMessage::decode, "CHALLENGE_MESSAGE.Signature");
        rejects(with(CHALLENGE, 8, 3), ChallengeMessage::decode, "CHALLENGE_MESSAGE.MessageType: is 3, expected 2");
        rejects(Arrays.copyOf(CHALLENGE, 47), ChallengeMessage::decode, "CHALLENGE_MESSAGE.header");
        rejects(Arrays.copyOf(CHALLENGE, 52), ChallengeMessage::decode, "CHALLENGE_MESSAGE.Version");
    }

    @Test
    void challengeFieldsMustStayInsideTheMessage() {
        rejects(Arrays.copyOf(CHALLENGE, CHALLENGE.length - 1), ChallengeMessage::decode, "TargetInfoLen: 36 bytes at offset 68 run past");
        rejects(with(CHALLENGE, 16, 0xff, 0xff, 0xff, 0xff), ChallengeMessage::decode, "TargetNameLen: 12 bytes at offset 4294967295");
        rejects(with(CHALLENGE, 40, 0xff, 0xff), ChallengeMessage::decode, "TargetInfoLen: 65535 bytes");
        rejects(with(CHALLENGE, 16, 0x30), ChallengeMessage::decode, "TargetNameBufferOffset: 48 points into the 56-byte header");
        rejects(with(CHALLENGE, 12, 0x0b), ChallengeMessage::decode, "TargetNameLen: Unicode text has odd length 11");
    }

    @Test
    void challengeAvPairsAreValidated() {
        // TargetInfo without its MsvAvEOL: shorten the list by 4 bytes.
        rejects(with(Arrays.copyOf(CHALLENGE, CHALLENGE.length - 4), 40, 0x20, 0x00), ChallengeMessage::decode, "no MsvAvEOL");
        // An AvLen running past TargetInfo.
        rejects(with(CHALLENGE, 0x46, 0x40), ChallengeMessage::decode, "TargetInfo");
        // MsvAvEOL with a length.
        rejects(with(CHALLENGE, 0x66, 0x01), ChallengeMessage::decode, "MsvAvEOL must have AvLen 0");
        // An MsvAvTimestamp that is not 8 bytes (turn the domain name pair into a 12-byte "timestamp").
        rejects(with(CHALLENGE, 0x44, 0x07), ChallengeMessage::decode, "MsvAvTimestamp: AvLen must be 8");
    }

    @Test
    void targetInfoIsIgnoredWhenItsFlagIsClear() {
        byte[] noInfo = with(CHALLENGE, 0x16, 0x0a); // clear NTLMSSP_NEGOTIATE_TARGET_INFO (0x00800000)
        ChallengeMessage c = NtlmGoldenTest.decode(noInfo, ChallengeMessage::decode);
        assertThat(c.targetInfo()).isNull();
        assertThat(c.targetName()).isEqualTo("Server");
    }

    @Test
    void authenticateFieldsAreValidated() {
        rejects(Arrays.copyOf(AUTHENTICATE, 63), AuthenticateMessage::decode, "AUTHENTICATE_MESSAGE.header");
        rejects(Arrays.copyOf(AUTHENTICATE, AUTHENTICATE.length - 1), AuthenticateMessage::decode, "EncryptedRandomSessionKeyLen");
        rejects(with(AUTHENTICATE, 0x10, 0x40), AuthenticateMessage::decode, "Version: NTLMSSP_NEGOTIATE_VERSION is set but the payload starts at 64");
        rejects(with(AUTHENTICATE, 0x24, 0x07), AuthenticateMessage::decode, "UserNameLen: Unicode text has odd length 7");
    }

    @Test
    void authenticateMicIsFoundFromThePayloadOffset() {
        AuthenticateMessage spec = NtlmGoldenTest.decode(AUTHENTICATE, AuthenticateMessage::decode);
        AuthenticateMessage withMic = spec.withMic(HexVectors.parse("00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff"));
        byte[] bytes = HexVectors.encode(withMic::encode);
        assertThat(bytes).hasSize(AUTHENTICATE.length + 16);
        assertThat(Arrays.copyOfRange(bytes, AuthenticateMessage.MIC_OFFSET, AuthenticateMessage.MIC_OFFSET + 16))
                .isEqualTo(withMic.mic());
        assertThat(NtlmGoldenTest.decode(bytes, AuthenticateMessage::decode)).isEqualTo(withMic);
    }

    @Test
    void negotiateIsValidated() {
        byte[] neg = HexVectors.encode(new NegotiateMessage(NtlmClient.CLIENT_FLAGS | NegotiateFlags.NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED,
                "DOM", null, NtlmVersion.PORTHOLE)::encode);
        assertThat(NtlmGoldenTest.decode(neg, NegotiateMessage::decode).domainName()).isEqualTo("DOM");
        rejects(Arrays.copyOf(neg, neg.length - 1), NegotiateMessage::decode, "DomainNameLen: 3 bytes at offset 40 run past");
        rejects(Arrays.copyOf(neg, 31), NegotiateMessage::decode, "NEGOTIATE_MESSAGE.header");
        rejects(with(neg, 8, 2), NegotiateMessage::decode, "MessageType");
    }

    @Test
    void messageSignatureVersionMustBeOne() {
        rejects(HexVectors.parse("02 00 00 00 7f b3 8e c5 c5 5d 49 76 00 00 00 00"), MessageSignature::decode, "NTLMSSP_MESSAGE_SIGNATURE.Version");
        rejects(HexVectors.parse("01 00 00 00"), MessageSignature::decode, "NTLMSSP_MESSAGE_SIGNATURE.structure");
    }

    @Test
    void constructorsRejectImpossibleValues() {
        assertThatThrownBy(() -> new ChallengeMessage(0, new byte[7], "", null, null)).hasMessageContaining("ServerChallenge: must be 8 bytes");
        assertThatThrownBy(() -> new NegotiateMessage(NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION, null, null, null)).hasMessageContaining("Version");
        assertThatThrownBy(() -> new NegotiateMessage(0, "\u4e2d", null, null)).hasMessageContaining("DomainName");
        assertThatThrownBy(() -> AvPair.timestamp(0).asInt()).hasMessageContaining("MsvAvTimestamp");
        assertThatThrownBy(() -> new AvPair(AvPair.MSV_AV_EOL, new byte[0])).hasMessageContaining("terminates the list");
        assertThatThrownBy(() -> new AvPair(AvPair.MSV_AV_CHANNEL_BINDINGS, new byte[15])).hasMessageContaining("AvLen must be 16");
        assertThatThrownBy(() -> new AuthenticateMessage(0, new byte[0], new byte[0], "", "", "", new byte[0], null, new byte[3]))
                .hasMessageContaining("MIC: must be 16 bytes");
    }
}
