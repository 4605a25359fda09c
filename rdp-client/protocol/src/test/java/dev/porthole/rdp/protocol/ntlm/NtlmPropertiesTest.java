package dev.porthole.rdp.protocol.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.function.Function;

import dev.porthole.rdp.protocol.HexVectors;
import io.netty.buffer.ByteBuf;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips for the NTLM structures: decode(encode(x)) == x and size() == encoded length. */
class NtlmPropertiesTest {

    static <T> void roundTrips(T value, Consumer<ByteBuf> encoder, int size, Function<ByteBuf, T> decoder) {
        byte[] bytes = HexVectors.encode(encoder);
        assertThat(bytes).hasSize(size);
        assertThat(NtlmGoldenTest.decode(bytes, decoder)).isEqualTo(value);
    }

    static Arbitrary<String> unicode(int max) {
        return Arbitraries.strings().withCharRange((char) 0x20, (char) 0xD7FF).ofMaxLength(max);
    }

    static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }

    static Arbitrary<NtlmVersion> versions() {
        return Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 0xFFFF), Arbitraries.integers().between(0, 255)).as(NtlmVersion::new);
    }

    static Arbitrary<AvPair> avPairs() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(AvPair.MSV_AV_NB_COMPUTER_NAME, AvPair.MSV_AV_NB_DOMAIN_NAME,
                        AvPair.MSV_AV_DNS_COMPUTER_NAME, AvPair.MSV_AV_DNS_DOMAIN_NAME, AvPair.MSV_AV_DNS_TREE_NAME,
                        AvPair.MSV_AV_TARGET_NAME), unicode(20)).as(AvPair::text),
                Arbitraries.integers().map(AvPair::flags),
                Arbitraries.longs().map(AvPair::timestamp),
                bytes(16, 16).map(AvPair::channelBindings),
                bytes(48, 60).map(b -> new AvPair(AvPair.MSV_AV_SINGLE_HOST, b)),
                Combinators.combine(Arbitraries.integers().between(0x0B, 0xFFFF), bytes(0, 10)).as(AvPair::new));
    }

    @Provide
    Arbitrary<AvPairs> avPairLists() {
        return avPairs().list().ofMaxSize(8).map(AvPairs::new);
    }

    @Property
    void avPairListsRoundTrip(@ForAll("avPairLists") AvPairs pairs) {
        roundTrips(pairs, pairs::encode, pairs.size(), b -> AvPairs.decode(b, "test"));
    }

    @Provide
    Arbitrary<NegotiateMessage> negotiates() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.strings().withCharRange((char) 0, (char) 0xFF).ofMaxLength(15),
                Arbitraries.strings().withCharRange((char) 0, (char) 0xFF).ofMaxLength(15), versions()).as((flags, d, w, v) ->
                new NegotiateMessage(flags,
                        NegotiateFlags.has(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED) ? d : null,
                        NegotiateFlags.has(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED) ? w : null,
                        NegotiateFlags.has(flags, NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION) ? v : null));
    }

    @Property
    void negotiateRoundTrips(@ForAll("negotiates") NegotiateMessage m) {
        roundTrips(m, m::encode, m.size(), NegotiateMessage::decode);
    }

    @Provide
    Arbitrary<ChallengeMessage> challenges() {
        return Combinators.combine(Arbitraries.integers(), bytes(8, 8), unicode(12), avPairLists().injectNull(0.2), versions())
                .as((flags, challenge, name, info, version) -> {
                    int f = info == null ? flags : flags | NegotiateFlags.NTLMSSP_NEGOTIATE_TARGET_INFO;
                    if (!NegotiateFlags.has(f, NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE)) {
                        name = name.chars().allMatch(c -> c < 0x100) ? name : "";
                    }
                    return new ChallengeMessage(f, challenge, name, info,
                            NegotiateFlags.has(f, NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION) ? version : null);
                });
    }

    @Property
    void challengeRoundTrips(@ForAll("challenges") ChallengeMessage m) {
        roundTrips(m, m::encode, m.size(), ChallengeMessage::decode);
    }

    @Provide
    Arbitrary<AuthenticateMessage> authenticates() {
        Arbitrary<Integer> flags = Arbitraries.integers().map(f -> f | NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE);
        Arbitrary<String[]> names = Combinators.combine(unicode(10), unicode(10), unicode(10)).as((a, b, c) -> new String[] {a, b, c});
        return Combinators.combine(flags, bytes(0, 24), bytes(0, 80), names, bytes(0, 16), versions(), bytes(16, 16).injectNull(0.5))
                .as((f, lm, nt, n, key, v, mic) -> new AuthenticateMessage(f, lm, nt, n[0], n[1], n[2], key,
                        NegotiateFlags.has(f, NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION) ? v : null, mic));
    }

    @Property
    void authenticateRoundTrips(@ForAll("authenticates") AuthenticateMessage m) {
        roundTrips(m, m::encode, m.size(), AuthenticateMessage::decode);
    }

    @Property
    void messageSignatureRoundTrips(@ForAll byte[] seed, @ForAll int seqNum) {
        byte[] checksum = java.util.Arrays.copyOf(seed, 8);
        MessageSignature s = new MessageSignature(checksum, seqNum);
        roundTrips(s, s::encode, s.size(), MessageSignature::decode);
    }

    @Property
    void sealedTokensUnsealOnTheOtherSide(@ForAll byte[] key16, @ForAll("payloads") java.util.List<byte[]> messages) {
        byte[] key = java.util.Arrays.copyOf(key16, 16);
        int flags = NtlmClient.CLIENT_FLAGS;
        NtlmSession client = new NtlmSession(NtlmSession.Role.CLIENT, key, flags);
        NtlmSession server = new NtlmSession(NtlmSession.Role.SERVER, key, flags);
        for (byte[] m : messages) {
            assertThat(server.unseal(client.seal(m))).isEqualTo(m);
            assertThat(client.unseal(server.seal(m))).isEqualTo(m);
        }
    }

    @Provide
    Arbitrary<java.util.List<byte[]>> payloads() {
        return bytes(0, 300).list().ofMaxSize(5);
    }
}
