package dev.porthole.rdp.protocol.pdu.rdp;

import static dev.porthole.rdp.protocol.Decoding.decode;
import static dev.porthole.rdp.protocol.Decoding.decodeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

/** MS-RDPBCGR 4.1.10 Client Info PDU, decoded field by field and re-encoded; ARC cookie verifier (5.5). */
class ClientInfoGoldenTest {

    static final byte[] PDU_4_1_10 = HexVectors.load("/vectors/ms-rdpbcgr/4.1.10-client-info-pdu.hex");
    static final byte[] INFO_4_1_10 = HexVectors.load("/vectors/ms-rdpbcgr/4.1.10-ts-info-packet.hex");

    static InfoPacket expected() {
        TimeZoneInformation pacific = new TimeZoneInformation(480, "Pacific Standard Time",
                SystemTime.transition(10, 0, 5, 2), 0, "Pacific Daylight Time", SystemTime.transition(4, 0, 1, 2), -60);
        ExtendedInfoPacket extra = new ExtendedInfoPacket(ExtendedInfoPacket.AF_INET, "157.59.242.156",
                "C:\\depots\\w2k3_1\\termsrv\\newclient\\lib\\win32\\obj\\i386\\mstscax.dll", 4, pacific, 0,
                ExtendedInfoPacket.PERF_DISABLE_WALLPAPER, null, 0, 0, "", false);
        int flags = InfoPacket.INFO_MOUSE | InfoPacket.INFO_DISABLECTRLALTDEL | InfoPacket.INFO_UNICODE
                | InfoPacket.INFO_MAXIMIZESHELL | InfoPacket.INFO_ENABLEWINDOWSKEY
                | InfoPacket.compressionType(InfoPacket.PACKET_COMPR_TYPE_64K) | InfoPacket.INFO_FORCE_ENCRYPTED_CS_PDU;
        return new InfoPacket(0x04090409, flags, "NTDEV", "eltons", "", "", "", extra);
    }

    @Test
    void infoPacketOfTheSpecDecodesFieldByField() {
        InfoPacket info = decodeAll(INFO_4_1_10, InfoPacket::decode);
        assertThat(info.flags()).isEqualTo(0x000043b3);
        assertThat(info.unicode()).isTrue();
        assertThat(info.domain()).isEqualTo("NTDEV");
        assertThat(info.userName()).isEqualTo("eltons");
        assertThat(info.password()).isEmpty();
        ExtendedInfoPacket extra = info.extraInfo();
        assertThat(extra.clientAddress()).isEqualTo("157.59.242.156");
        assertThat(extra.clientDir()).endsWith("\\i386\\mstscax.dll");
        assertThat(extra.optionalFields()).as("the example stops after cbAutoReconnectCookie").isEqualTo(4);
        assertThat(extra.clientTimeZone().bias()).isEqualTo(480);
        assertThat(extra.clientTimeZone().daylightBias()).isEqualTo(-60);
        assertThat(extra.clientTimeZone().standardDate()).isEqualTo(SystemTime.transition(10, 0, 5, 2));
        assertThat(extra.autoReconnectCookie()).isNull();
        assertThat(info).isEqualTo(expected());
    }

    @Test
    void infoPacketReencodesByteForByte() {
        assertThat(HexVectors.encode(expected()::encode)).isEqualTo(INFO_4_1_10);
        assertThat(expected().size()).isEqualTo(INFO_4_1_10.length);
    }

    @Test
    void theWholePduCarriesSecInfoPktAndAnEncryptedPayloadWeRefuse() {
        DomainPdu pdu = decodeAll(PDU_4_1_10, DomainPdu::decode);
        assertThat(pdu).isInstanceOf(DomainPdu.SendDataRequest.class);
        DomainPdu.SendDataRequest sdr = (DomainPdu.SendDataRequest) pdu;
        assertThat(sdr.channelId()).isEqualTo(1003);
        decode(PDU_4_1_10, buf -> {
            ByteBuf userData = ((DomainPdu.SendDataRequest) DomainPdu.decode(buf)).userData();
            NonFipsSecurityHeader h = NonFipsSecurityHeader.decode(userData.duplicate());
            assertThat(h.basic().flags()).isEqualTo(SecurityHeader.SEC_INFO_PKT | SecurityHeader.SEC_ENCRYPT);
            assertThat(h.dataSignature()).isEqualTo(Bytes.ofHex("45ca46fa5ea7bebc"));
            assertThat(userData.readableBytes() - NonFipsSecurityHeader.SIZE).isEqualTo(INFO_4_1_10.length);
            assertThatThrownBy(() -> ClientInfoPdu.decode(userData.duplicate()))
                    .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED))
                    .hasMessageContaining("SEC_ENCRYPT");
            return null;
        });
    }

    @Test
    void clientInfoPduUnderEnhancedSecurityIsHeaderPlusPacket() {
        ClientInfoPdu pdu = new ClientInfoPdu(expected());
        byte[] bytes = HexVectors.encode(pdu::encode);
        assertThat(bytes).startsWith(0x40, 0x00, 0x00, 0x00);
        assertThat(java.util.Arrays.copyOfRange(bytes, 4, bytes.length)).isEqualTo(INFO_4_1_10);
        assertThat(pdu.size()).isEqualTo(bytes.length);
        assertThat(decodeAll(bytes, ClientInfoPdu::decode)).isEqualTo(pdu);
    }

    @Test
    void passwordNeverAppearsInToString() {
        InfoPacket e = expected();
        InfoPacket withSecret = new InfoPacket(e.codePage(), e.flags() | InfoPacket.INFO_AUTOLOGON, e.domain(),
                e.userName(), "Sup3r-Secret!", "", "", e.extraInfo());
        assertThat(withSecret.toString()).doesNotContain("Sup3r-Secret!").contains("<redacted>").contains("eltons");
        assertThat(new ClientInfoPdu(withSecret).toString()).doesNotContain("Sup3r-Secret!");
    }

    @Test
    void fieldsLongerThan512BytesAreRefused() {
        InfoPacket e = expected();
        String tooLong = "x".repeat(256); // 512 bytes of UTF-16 plus the terminator
        assertThatThrownBy(() -> new InfoPacket(e.codePage(), e.flags(), e.domain(), e.userName(), tooLong, "", "", null))
                .isInstanceOfSatisfying(RdpException.class, ex -> assertThat(ex.kind()).isEqualTo(RdpException.Kind.ARGUMENT))
                .hasMessageContaining("Password");
    }

    @Test
    void ansiInfoPacketUsesOneByteTerminators() {
        InfoPacket ansi = new InfoPacket(1252, InfoPacket.INFO_MOUSE, "DOM", "j\u00fcrgen", "pw", "", "", null);
        byte[] bytes = HexVectors.encode(ansi::encode);
        assertThat(bytes).hasSize(ansi.size()).hasSize(18 + 3 + 6 + 2 + 5);
        assertThat(bytes[18 + 4 + 1]).isEqualTo((byte) 0xfc); // u-umlaut in Windows-1252
        assertThat(decodeAll(bytes, InfoPacket::decode)).isEqualTo(ansi);
    }

    @Test
    void truncatedInfoPacketNamesTheField() {
        byte[] cut = java.util.Arrays.copyOf(INFO_4_1_10, 30);
        assertThatThrownBy(() -> decode(cut, InfoPacket::decode))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                .hasMessageContaining("TS_INFO_PACKET.UserName");
    }

    /** RFC 2104 / RFC 2202 HMAC-MD5 test cases 1 and 2 run through the 5.5 derivation. */
    @Test
    void securityVerifierIsHmacMd5KeyedWithTheArcRandom() {
        ArcScPrivatePacket key0b = new ArcScPrivatePacket(1, 7, Bytes.ofHex("0b".repeat(16)));
        ArcCsPrivatePacket cs = ArcCsPrivatePacket.answering(key0b, Bytes.of("Hi There".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(cs.securityVerifier()).isEqualTo(Bytes.ofHex("9294727a3638bb1c13f48ef8158bfc9d"));
        assertThat(cs.logonId()).isEqualTo(7);
        assertThat(cs.version()).isEqualTo(ArcScPrivatePacket.AUTO_RECONNECT_VERSION_1);
        ArcScPrivatePacket keyAa = new ArcScPrivatePacket(1, 7, Bytes.ofHex("aa".repeat(16)));
        assertThat(ArcCsPrivatePacket.answering(keyAa, Bytes.ofHex("dd".repeat(50))).securityVerifier())
                .isEqualTo(Bytes.ofHex("56be34521d144c88dbb8c733f0e8b3f6"));
    }

    @Test
    void enhancedSecurityVerifierUses32ZeroBytes() throws Exception {
        byte[] random = java.util.HexFormat.of().parseHex("a802e725e24c82b752a553503498a1a8"); // 4.3.3's ArcRandomBits
        ArcScPrivatePacket sc = new ArcScPrivatePacket(1, 2, Bytes.of(random));
        Mac oracle = Mac.getInstance("HmacMD5");
        oracle.init(new SecretKeySpec(random, "HmacMD5"));
        byte[] expected = oracle.doFinal(new byte[32]);
        ArcCsPrivatePacket cs = ArcCsPrivatePacket.answering(sc);
        assertThat(cs.securityVerifier().toByteArray()).isEqualTo(expected);
        assertThat(cs.toString()).doesNotContain(cs.securityVerifier().toHex());
        assertThat(sc.toString()).doesNotContain("a802e725");
        byte[] wire = HexVectors.encode(cs::encode);
        assertThat(wire).hasSize(28).startsWith(0x1c, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0);
        assertThat(decodeAll(wire, ArcCsPrivatePacket::decode)).isEqualTo(cs);
    }

    @Test
    void extendedInfoWithCookieAndDynamicDstRoundTrips() {
        ArcCsPrivatePacket cookie = ArcCsPrivatePacket.answering(new ArcScPrivatePacket(1, 5, Bytes.zeros(16)));
        ExtendedInfoPacket full = ExtendedInfoPacket.of(ExtendedInfoPacket.AF_INET6, "::1", "C:\\porthole",
                TimeZoneInformation.UTC, ExtendedInfoPacket.PERF_DISABLE_WALLPAPER, cookie, "W. Europe Standard Time", true);
        InfoPacket info = new InfoPacket(0x0409, InfoPacket.INFO_UNICODE | InfoPacket.INFO_LOGONERRORS, "", "user",
                "pw", "", "", full);
        byte[] bytes = HexVectors.encode(info::encode);
        assertThat(bytes).hasSize(info.size());
        assertThat(decodeAll(bytes, InfoPacket::decode)).isEqualTo(info);
    }
}
