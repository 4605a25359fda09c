package dev.porthole.rdp.protocol.pdu.x224;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.tpkt.TpktHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Golden vectors from MS-RDPBCGR section 4.1 and malformed variants of them. */
class ConnectionPduGoldenTest {

    static final byte[] CR_4_1_1 = HexVectors.load("/vectors/ms-rdpbcgr/4.1.1-x224-connection-request.hex");
    static final byte[] CC_4_1_2 = HexVectors.load("/vectors/ms-rdpbcgr/4.1.2-x224-connection-confirm.hex");

    private static <T> T decode(byte[] bytes, java.util.function.Function<ByteBuf, T> decoder) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            T value = decoder.apply(buf);
            assertThat(buf.isReadable()).as("decoder consumed the whole packet").isFalse();
            return value;
        } finally {
            buf.release();
        }
    }

    @Test
    void decodesTheSpecConnectionRequest() {
        ConnectionRequest cr = decode(CR_4_1_1, ConnectionRequest::decode);
        assertThat(cr.cookie()).isEqualTo("eltons");
        assertThat(cr.routingToken()).isNull();
        assertThat(cr.negotiation()).isEqualTo(new NegotiationRequest(0, SecurityProtocols.PROTOCOL_RDP));
        assertThat(cr.correlationInfo()).isNull();
        assertThat(cr.size()).isEqualTo(44);
    }

    @Test
    void encodesTheSpecConnectionRequestByteForByte() {
        ConnectionRequest cr = ConnectionRequest.withCookie("eltons", SecurityProtocols.PROTOCOL_RDP);
        assertThat(HexVectors.encode(cr::encode)).isEqualTo(CR_4_1_1);
    }

    @Test
    void decodesAndReencodesTheSpecConnectionConfirm() {
        ConnectionConfirm cc = decode(CC_4_1_2, ConnectionConfirm::decode);
        assertThat(cc.sourceReference()).isEqualTo(0x1234);
        assertThat(cc.outcome()).isEqualTo(new NegotiationResponse(0, SecurityProtocols.PROTOCOL_RDP));
        assertThat(HexVectors.encode(cc::encode)).isEqualTo(CC_4_1_2);
    }

    @Test
    void routingTokenIsCarriedVerbatimForBrokers() {
        ConnectionRequest cr = ConnectionRequest.withRoutingToken("Cookie: msts=3640205228.15629.0000",
                SecurityProtocols.PROTOCOL_SSL | SecurityProtocols.PROTOCOL_HYBRID);
        byte[] bytes = HexVectors.encode(cr::encode);
        assertThat(new String(bytes, 11, 36, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("Cookie: msts=3640205228.15629.0000\r\n");
        assertThat(decode(bytes, ConnectionRequest::decode)).isEqualTo(cr);
    }

    @Test
    void negotiationFailureExplainsItself() {
        byte[] bytes = HexVectors.encode(new ConnectionConfirm(0, new NegotiationFailure(
                NegotiationFailure.HYBRID_REQUIRED_BY_SERVER))::encode);
        ConnectionConfirm cc = decode(bytes, ConnectionConfirm::decode);
        assertThat(cc.outcome()).isInstanceOfSatisfying(NegotiationFailure.class,
                f -> assertThat(f.reason()).contains("Network Level Authentication"));
    }

    @Test
    void wrongTpktVersionNamesTheField() {
        byte[] bad = CC_4_1_2.clone();
        bad[0] = 2;
        assertThatThrownBy(() -> decode(bad, ConnectionConfirm::decode))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                .hasMessageContaining("TPKT.version");
    }

    @Test
    void truncatedPacketIsMalformedNotAnIndexError() {
        byte[] cut = java.util.Arrays.copyOf(CC_4_1_2, 15);
        assertThatThrownBy(() -> decode(cut, ConnectionConfirm::decode))
                .isInstanceOf(RdpException.class).hasMessageContaining("X.224 Connection Confirm.packet");
    }

    @Test
    void lengthIndicatorMustAgreeWithTpkt() {
        byte[] bad = CC_4_1_2.clone();
        bad[4] = 0x0d;
        assertThatThrownBy(() -> decode(bad, ConnectionConfirm::decode))
                .isInstanceOf(RdpException.class).hasMessageContaining("lengthIndicator");
    }

    @Test
    void unknownNegotiationTypeIsRejected() {
        byte[] bad = CC_4_1_2.clone();
        bad[11] = 0x07;
        assertThatThrownBy(() -> decode(bad, ConnectionConfirm::decode))
                .isInstanceOf(RdpException.class).hasMessageContaining("rdpNegData.type");
    }

    @Test
    void framingPeeksTheLengthWithoutConsuming() {
        ByteBuf buf = Unpooled.wrappedBuffer(CR_4_1_1);
        try {
            assertThat(TpktHeader.peekPacketLength(buf)).isEqualTo(44);
            assertThat(buf.readerIndex()).isZero();
            assertThat(TpktHeader.peekPacketLength(buf.slice(0, 3))).isEqualTo(-1);
        } finally {
            buf.release();
        }
    }

    @Test
    void constructorsRejectImpossibleValues() {
        assertThatThrownBy(() -> new ConnectionRequest("a", "b", null, null)).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> ConnectionRequest.withCookie("x\r\ny", 0)).hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> ConnectionRequest.withCookie("x".repeat(300), 0)).hasMessageContaining("254");
        assertThatThrownBy(() -> new CorrelationInfo(new byte[15])).hasMessageContaining("expected 16");
    }
}
