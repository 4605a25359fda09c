package dev.porthole.rdp.protocol.pdu.rdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.porthole.rdp.protocol.Decoding;
import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** MS-RDPBCGR 2.2.13.1 / 2.2.13.3.1 against the annotated example of section 4.6. */
class ServerRedirectionPacketTest {

    private static final byte[] PDU_46 = HexVectors.load("/vectors/ms-rdpbcgr/4.6-enhanced-security-server-redirection-pdu.hex");

    private static ServerRedirectionPdu decode46() {
        ByteBuf frame = Unpooled.wrappedBuffer(PDU_46);
        try {
            DomainPdu pdu = DomainPdu.decode(frame);
            assertThat(pdu).isInstanceOf(DomainPdu.SendDataIndication.class);
            DomainPdu.SendDataIndication sdi = (DomainPdu.SendDataIndication) pdu;
            assertThat(sdi.channelId()).isEqualTo(1003);
            List<ShareControlPdu> all = ShareControlPdu.decodeAll(sdi.userData());
            assertThat(all).hasSize(1).first().isInstanceOf(ServerRedirectionPdu.class);
            return (ServerRedirectionPdu) all.getFirst();
        } finally {
            frame.release();
        }
    }

    @Test
    void decodesTheAnnotatedEnhancedSecurityRedirectionOfSection46() {
        ServerRedirectionPdu pdu = decode46();
        assertThat(pdu.pduSource()).isEqualTo(1002);
        ServerRedirectionPacket p = pdu.packet();
        assertThat(p.sessionId()).isEqualTo(2);
        assertThat(p.redirFlags()).isEqualTo(0xb1d);
        assertThat(p.targetNetAddress()).isEqualTo("2001:4898:2b:2:9de7:4569:fb39:ef29");
        assertThat(p.userName()).isEqualTo("administrator");
        assertThat(p.domain()).isEqualTo("TS-STRESS1");
        assertThat(p.password().length()).isEqualTo(120);
        assertThat(p.password().toHex()).startsWith("020000804453484c").endsWith("69690000");
        assertThat(p.targetFqdn()).isEqualTo("jiazou-test2.ts-stress1.nttest.microsoft.com");
        assertThat(p.targetNetBiosName()).isEqualTo("JIAZOU-TEST2");
        assertThat(p.targetNetAddresses()).containsExactly("2001:4898:2b:2:9de7:4569:fb39:ef29", "157.59.240.144");
        assertThat(p.loadBalanceInfo()).isNull();
        assertThat(p.routingToken()).isNull();
        assertThat(p.targetAddress()).isEqualTo("2001:4898:2b:2:9de7:4569:fb39:ef29");
        // the 120-byte password is a broker's opaque blob, not text
        assertThat(p.cleartextPassword()).isNull();
        assertThat(p.toString()).contains("administrator").doesNotContain("4453484c").contains("<redacted>");
    }

    @Test
    void encodesTheExampleFieldForFieldWithoutThePad() {
        ServerRedirectionPacket p = decode46().packet();
        byte[] encoded = HexVectors.encode(p::encode);
        // Flags .. TargetNetAddresses of the example: packet starts after TPKT(4) X.224(3) MCS(8) share control(6) pad(2)
        int start = 4 + 3 + 8 + 6 + 2;
        byte[] expected = java.util.Arrays.copyOfRange(PDU_46, start, start + 516 - 8);
        expected[2] = (byte) (508 & 0xFF); // Length without the 8-byte Pad
        expected[3] = (byte) (508 >> 8);
        assertThat(encoded).containsExactly(expected);
        assertThat(Decoding.decodeAll(encoded, ServerRedirectionPacket::decode)).isEqualTo(p);
    }

    @Test
    void loadBalanceInfoBecomesTheRoutingTokenAndCleartextPasswordsAreText() {
        byte[] pw = HexVectors.encode(out -> Utf16.writeTerminated(out, "s3cret!"));
        ServerRedirectionPacket p = new ServerRedirectionPacket(7,
                ServerRedirectionPacket.LB_LOAD_BALANCE_INFO | ServerRedirectionPacket.LB_PASSWORD
                        | ServerRedirectionPacket.LB_USERNAME,
                null, Bytes.of("Cookie: msts=3640205228.15629.0000\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                "alice", null, Bytes.of(pw), null, null, null, null, null, null);
        assertThat(p.routingToken()).isEqualTo("Cookie: msts=3640205228.15629.0000");
        assertThat(p.cleartextPassword()).containsExactly("s3cret!".toCharArray());
        assertThat(p.targetAddress()).isNull();
        ServerRedirectionPacket again = Decoding.decodeAll(HexVectors.encode(p::encode), ServerRedirectionPacket::decode);
        assertThat(again).isEqualTo(p);
        ServerRedirectionPacket encrypted = new ServerRedirectionPacket(7, p.redirFlags()
                | ServerRedirectionPacket.LB_PASSWORD_IS_PK_ENCRYPTED, null, p.loadBalanceInfo(), "alice", null,
                Bytes.of(pw), null, null, null, null, null, null);
        assertThat(encrypted.cleartextPassword()).isNull();
    }

    @Test
    void malformedPacketsNameTheField() {
        byte[] bad = HexVectors.parse("0004 1000 02000000 01000000 ff000000"); // TargetNetAddressLength 255 > 0 left
        assertThatThrownBy(() -> Decoding.decode(bad, ServerRedirectionPacket::decode))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                .hasMessageContaining("TargetNetAddressLength");
        byte[] flags = HexVectors.parse("0000 0c00 02000000 00000000");
        assertThatThrownBy(() -> Decoding.decode(flags, ServerRedirectionPacket::decode)).hasMessageContaining("Flags");
        byte[] shortLength = HexVectors.parse("0004 0400 02000000 00000000");
        assertThatThrownBy(() -> Decoding.decode(shortLength, ServerRedirectionPacket::decode)).hasMessageContaining("Length");
        byte[] count = HexVectors.parse("0004 1800 02000000 00080000 08000000 ffffff7f 00000000");
        assertThatThrownBy(() -> Decoding.decode(count, ServerRedirectionPacket::decode))
                .hasMessageContaining("addressCount");
    }

    @Test
    void constructorRequiresFieldsToMatchTheirFlags() {
        assertThatThrownBy(() -> new ServerRedirectionPacket(1, ServerRedirectionPacket.LB_USERNAME, null, null, null,
                null, null, null, null, null, null, null, null)).hasMessageContaining("UserName");
        assertThatThrownBy(() -> new ServerRedirectionPacket(1, 0, "10.0.0.1", null, null,
                null, null, null, null, null, null, null, null)).hasMessageContaining("TargetNetAddress");
    }
}
