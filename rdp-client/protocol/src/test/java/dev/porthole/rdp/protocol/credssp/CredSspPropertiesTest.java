package dev.porthole.rdp.protocol.credssp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.rdp.protocol.HexVectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** DER round trips for the MS-CSSP structures: decode(encode(x)) == x, size() == encoded length, one TLV consumed. */
class CredSspPropertiesTest {

    static Arbitrary<byte[]> bytes(int max) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(max);
    }

    @Provide
    Arbitrary<TsRequest> requests() {
        return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE), bytes(300).list().ofMaxSize(3),
                bytes(200).injectNull(0.5), bytes(200).injectNull(0.5), Arbitraries.integers().injectNull(0.5),
                Arbitraries.bytes().array(byte[].class).ofSize(32).injectNull(0.5))
                .as(TsRequest::new);
    }

    @Property
    void tsRequestRoundTrips(@ForAll("requests") TsRequest r) {
        byte[] der = HexVectors.encode(r::encode);
        assertThat(der).hasSize(r.size());
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeBytes(der).writeBytes(der);
            assertThat(TsRequest.peekLength(buf)).isEqualTo(der.length);
            assertThat(TsRequest.decode(buf)).isEqualTo(r);
            assertThat(buf.readableBytes()).as("exactly one TSRequest consumed").isEqualTo(der.length);
        } finally {
            buf.release();
        }
    }

    @Property
    void tsCredentialsRoundTrip(@ForAll("credTypes") int type, @ForAll byte[] credentials) {
        TsCredentials c = new TsCredentials(type, credentials);
        byte[] der = HexVectors.encode(c::encode);
        assertThat(der).hasSize(c.size());
        assertThat(TsCredentials.decode(der)).isEqualTo(c);
    }

    @Provide
    Arbitrary<Integer> credTypes() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    @Property
    void tsPasswordCredsRoundTrip(@ForAll("text") String domain, @ForAll("text") String user, @ForAll("text") String password) {
        TsPasswordCreds p = TsPasswordCreds.of(domain, user, password.toCharArray());
        byte[] der = HexVectors.encode(p::encode);
        assertThat(der).hasSize(p.size());
        TsPasswordCreds back = TsPasswordCreds.decode(der);
        assertThat(back).isEqualTo(p);
        assertThat(back.domainName()).isEqualTo(domain);
        assertThat(back.userName()).isEqualTo(user);
        assertThat(back.passwordEquals(password.toCharArray())).isTrue();
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange((char) 0x20, (char) 0xD7FF).ofMaxLength(40);
    }
}
