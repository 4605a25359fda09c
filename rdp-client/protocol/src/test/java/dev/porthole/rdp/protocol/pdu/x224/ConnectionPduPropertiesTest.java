package dev.porthole.rdp.protocol.pdu.x224;

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

/** Round trips: decode(encode(x)) == x and size() == encoded length, for every valid PDU. */
class ConnectionPduPropertiesTest {

    @Provide
    Arbitrary<ConnectionRequest> requests() {
        Arbitrary<String> line = Arbitraries.strings().withCharRange((char) 0x20, (char) 0xFF).ofMaxLength(60)
                .filter(s -> !s.startsWith("Cookie: mstshash="));
        Arbitrary<String> id = Arbitraries.strings().alpha().numeric().ofMaxLength(40);
        Arbitrary<Integer> protocols = Arbitraries.integers().between(0, 0x1F);
        Arbitrary<byte[]> corr = Arbitraries.bytes().array(byte[].class).ofSize(16)
                .filter(b -> b[0] != 0 && b[0] != (byte) 0xF4 && !new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).contains("\r"));
        return Arbitraries.integers().between(0, 3).flatMap(kind -> Combinators.combine(line, id, protocols, corr,
                Arbitraries.of(true, false)).as((l, i, p, c, withCorr) -> switch (kind) {
                    case 0 -> new ConnectionRequest(l.isEmpty() ? null : l, null, new NegotiationRequest(0, p), null);
                    case 1 -> new ConnectionRequest(null, i, withCorr
                            ? new NegotiationRequest(NegotiationRequest.CORRELATION_INFO_PRESENT, p)
                            : new NegotiationRequest(NegotiationRequest.RESTRICTED_ADMIN_MODE_REQUIRED, p),
                            withCorr ? new CorrelationInfo(c) : null);
                    case 2 -> new ConnectionRequest(null, null, null, null);
                    default -> new ConnectionRequest(null, i, new NegotiationRequest(0, p), null);
                }));
    }

    @Property
    void connectionRequestRoundTrips(@ForAll("requests") ConnectionRequest cr) {
        byte[] bytes = HexVectors.encode(cr::encode);
        assertThat(bytes).hasSize(cr.size());
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            assertThat(ConnectionRequest.decode(buf)).isEqualTo(cr);
        } finally {
            buf.release();
        }
    }

    @Provide
    Arbitrary<ConnectionConfirm> confirms() {
        Arbitrary<NegotiationOutcome> outcome = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(0, 0xFF), Arbitraries.integers())
                        .as(NegotiationResponse::new),
                Arbitraries.integers().map(NegotiationFailure::new),
                Arbitraries.just(null));
        return Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), outcome).as(ConnectionConfirm::new);
    }

    @Property
    void connectionConfirmRoundTrips(@ForAll("confirms") ConnectionConfirm cc) {
        byte[] bytes = HexVectors.encode(cc::encode);
        assertThat(bytes).hasSize(cc.size());
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            assertThat(ConnectionConfirm.decode(buf)).isEqualTo(cc);
        } finally {
            buf.release();
        }
    }
}
