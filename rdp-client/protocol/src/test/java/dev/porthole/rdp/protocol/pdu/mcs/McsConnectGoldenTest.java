package dev.porthole.rdp.protocol.pdu.mcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;
import dev.porthole.rdp.protocol.pdu.gcc.ClientClusterData;
import dev.porthole.rdp.protocol.pdu.gcc.ClientCoreData;
import dev.porthole.rdp.protocol.pdu.gcc.ClientData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** MS-RDPBCGR 4.1.3 and 4.1.4 annotated examples, decoded field by field and re-encoded. */
class McsConnectGoldenTest {

    static final byte[] CI_4_1_3 = HexVectors.load("/vectors/ms-rdpbcgr/4.1.3-mcs-connect-initial.hex");
    static final byte[] CR_4_1_4 = HexVectors.load("/vectors/ms-rdpbcgr/4.1.4-mcs-connect-response.hex");

    private static <T> T decode(byte[] bytes, java.util.function.Function<ByteBuf, T> decoder) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return decoder.apply(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void connectInitialOfTheSpecDecodesFieldByField() {
        ConnectInitial ci = decode(CI_4_1_3, ConnectInitial::decode);
        assertThat(ci.target()).isEqualTo(DomainParameters.TARGET);
        assertThat(ci.minimum()).isEqualTo(DomainParameters.MINIMUM);
        assertThat(ci.maximum()).isEqualTo(DomainParameters.MAXIMUM);
        ClientData data = ci.gcc().clientData();
        ClientCoreData core = data.core();
        assertThat(core.version()).isEqualTo(ClientCoreData.RDP_VERSION_5_PLUS);
        assertThat(core.desktopWidth()).isEqualTo(1280);
        assertThat(core.desktopHeight()).isEqualTo(1024);
        assertThat(core.colorDepth()).isEqualTo(ClientCoreData.RNS_UD_COLOR_8BPP);
        assertThat(core.keyboardLayout()).isEqualTo(0x409);
        assertThat(core.clientBuild()).isEqualTo(3790);
        assertThat(core.clientName()).isEqualTo("ELTONS-DEV2");
        assertThat(core.highColorDepth()).isEqualTo(24);
        assertThat(core.supportedColorDepths()).isEqualTo(7);
        assertThat(core.earlyCapabilityFlags()).isEqualTo(ClientCoreData.RNS_UD_CS_SUPPORT_ERRINFO_PDU);
        assertThat(core.clientDigProductId()).isEqualTo("69712-783-0357974-42714");
        assertThat(core.optionalFields()).isEqualTo(10);
        assertThat(core.size()).isEqualTo(216);
        assertThat(data.cluster()).isEqualTo(new ClientClusterData(0x0d, 0));
        assertThat(data.security().encryptionMethods()).isEqualTo(0x1b);
        assertThat(data.network().channels()).containsExactly(
                new ChannelDef("rdpdr", 0x80800000),
                new ChannelDef("cliprdr", 0xc0a00000),
                new ChannelDef("rdpsnd", 0xc0000000));
        assertThat(data.monitor()).isNull();
    }

    @Test
    void connectInitialReencodesByteForByte() {
        ConnectInitial ci = decode(CI_4_1_3, ConnectInitial::decode);
        assertThat(HexVectors.encode(ci::encode)).isEqualTo(CI_4_1_3);
        assertThat(ci.size()).isEqualTo(CI_4_1_3.length);
    }

    @Test
    void connectResponseOfTheSpecDecodesFieldByField() {
        ConnectResponse cr = decode(CR_4_1_4, ConnectResponse::decode);
        assertThat(cr.result()).isZero();
        assertThat(cr.domainParameters()).isEqualTo(new DomainParameters(34, 3, 0, 1, 0, 1, 65528, 2));
        assertThat(cr.gcc().nodeId()).isEqualTo(31219);
        ServerData sd = cr.gcc().serverData();
        assertThat(sd.core().version()).isEqualTo(0x00080004);
        assertThat(sd.core().clientRequestedProtocols()).isZero();
        assertThat(sd.network().mcsChannelId()).isEqualTo(1003);
        assertThat(sd.network().channelIds()).containsExactly(1004, 1005, 1006);
        assertThat(sd.security().encryptionMethod()).isEqualTo(2);
        assertThat(sd.security().encryptionLevel()).isEqualTo(2);
        assertThat(sd.security().serverRandom()).hasSize(32);
        assertThat(sd.security().serverCertificate()).hasSize(184);
    }

    @Test
    void connectResponseRoundTripsThroughOurEncoder() {
        ConnectResponse cr = decode(CR_4_1_4, ConnectResponse::decode);
        byte[] ours = HexVectors.encode(cr::encode);
        assertThat(ours).hasSize(cr.size());
        assertThat(decode(ours, ConnectResponse::decode)).isEqualTo(cr);
    }

    @Test
    void refusedConnectionIsANegotiationErrorNamingTheResult() {
        byte[] bad = CR_4_1_4.clone();
        bad[14] = 14; // Connect-Response::result = rt-unspecified-failure
        assertThatThrownBy(() -> decode(bad, ConnectResponse::decode))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.NEGOTIATION))
                .hasMessageContaining("rt-unspecified-failure");
    }

    @Test
    void truncatedUserDataIsMalformed() {
        byte[] cut = java.util.Arrays.copyOf(CR_4_1_4, 200);
        cut[2] = 0;
        cut[3] = (byte) 200;
        assertThatThrownBy(() -> decode(cut, ConnectResponse::decode))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED));
    }

    @Test
    void channelNamesAreLimitedToSevenPrintableCharacters() {
        assertThatThrownBy(() -> new ChannelDef("drdynvc2", 0)).hasMessageContaining("1 to 7");
        assertThat(new ChannelDef("drdynvc", ChannelDef.CHANNEL_OPTION_INITIALIZED).name()).isEqualTo("drdynvc");
    }
}
