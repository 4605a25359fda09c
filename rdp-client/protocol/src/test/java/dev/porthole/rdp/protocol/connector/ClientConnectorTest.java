package dev.porthole.rdp.protocol.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Failed;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Milestone;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Phase;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Send;
import dev.porthole.rdp.protocol.connector.ConnectorAction.UpgradeToTls;
import dev.porthole.rdp.protocol.pdu.gcc.ChannelDef;
import dev.porthole.rdp.protocol.pdu.gcc.ConferenceCreateResponse;
import dev.porthole.rdp.protocol.pdu.gcc.ServerCoreData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerNetworkData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerSecurityData;
import dev.porthole.rdp.protocol.pdu.mcs.ConnectInitial;
import dev.porthole.rdp.protocol.pdu.mcs.ConnectResponse;
import dev.porthole.rdp.protocol.pdu.mcs.DomainParameters;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu;
import dev.porthole.rdp.protocol.pdu.x224.ConnectionConfirm;
import dev.porthole.rdp.protocol.pdu.x224.ConnectionRequest;
import dev.porthole.rdp.protocol.pdu.x224.NegotiationFailure;
import dev.porthole.rdp.protocol.pdu.x224.NegotiationResponse;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import dev.porthole.rdp.protocol.pdu.capability.InputCapabilitySet;
import dev.porthole.rdp.protocol.pdu.rdp.ClientInfoPdu;
import dev.porthole.rdp.protocol.license.LicensingSettings;
import dev.porthole.rdp.protocol.license.RecordingEntropy;
import dev.porthole.rdp.protocol.license.TestLicenseServer;
import dev.porthole.rdp.protocol.pdu.license.ClientHardwareId;
import dev.porthole.rdp.protocol.pdu.license.LicenseBinaryBlob;
import dev.porthole.rdp.protocol.pdu.license.LicenseErrorMessage;
import dev.porthole.rdp.protocol.pdu.license.LicensePdu;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import dev.porthole.rdp.protocol.pdu.rdp.SecurityHeader;
import dev.porthole.rdp.protocol.pdu.rdp.ConfirmActivePdu;
import dev.porthole.rdp.protocol.pdu.rdp.InfoPacket;
import dev.porthole.rdp.protocol.pdu.rdp.ShareControlPdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Drives the connector through a scripted server transcript (no I/O anywhere). */
class ClientConnectorTest {

    private static final int HYBRID = SecurityProtocols.PROTOCOL_HYBRID;

    private static ClientConnector connector(List<ChannelDef> channels) {
        return new ClientConnector(settings(channels), new LogonCredentials("alice", "", "s3cret".toCharArray()),
                ClientInfoSettings.defaults(), ByteBufAllocator.DEFAULT);
    }

    private static ConnectorSettings settings(List<ChannelDef> channels) {
        return new ConnectorSettings(SecurityProtocols.PROTOCOL_SSL | HYBRID, null, "tester", 1024, 768, 32, 0x409,
                "porthole", channels, List.of(), 0);
    }

    /** Bytes of every Send action, releasing the buffers; other actions are returned as they are. */
    private static List<Object> drain(List<ConnectorAction> actions) {
        List<Object> out = new ArrayList<>();
        for (ConnectorAction a : actions) {
            if (a instanceof Send s) {
                byte[] b = new byte[s.data().readableBytes()];
                s.data().readBytes(b);
                s.data().release();
                out.add(b);
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static List<Object> feed(ClientConnector c, java.util.function.Consumer<ByteBuf> encoder) {
        ByteBuf frame = Unpooled.wrappedBuffer(HexVectors.encode(encoder));
        try {
            return drain(c.onFrame(frame));
        } finally {
            frame.release();
        }
    }

    private static ConnectResponse response(boolean skipJoin, List<Integer> channelIds) {
        ServerData data = new ServerData(new ServerCoreData(0x00080004, HYBRID,
                skipJoin ? ServerCoreData.RNS_UD_SC_SKIP_CHANNELJOIN_SUPPORTED : 0, 2),
                new ServerSecurityData(0, 0, new byte[0], new byte[0]), new ServerNetworkData(1003, channelIds), null);
        return new ConnectResponse(0, 0, DomainParameters.TARGET, new ConferenceCreateResponse(31219, 1, data));
    }

    @Test
    void walksFromNegotiationThroughChannelJoins() {
        ClientConnector c = connector(List.of(new ChannelDef("drdynvc", ChannelDef.CHANNEL_OPTION_INITIALIZED)));
        byte[] cr = (byte[]) drain(c.start()).getFirst();
        ByteBuf crBuf = Unpooled.wrappedBuffer(cr);
        assertThat(ConnectionRequest.decode(crBuf).negotiation().requestedProtocols())
                .isEqualTo(SecurityProtocols.PROTOCOL_SSL | HYBRID);
        crBuf.release();

        List<Object> afterCc = feed(c, new ConnectionConfirm(0, new NegotiationResponse(0, HYBRID))::encode);
        assertThat(afterCc).containsExactly(new Milestone(Phase.NEGOTIATED, "HYBRID"), new UpgradeToTls(HYBRID));

        List<Object> afterTls = drain(c.onSecurityEstablished());
        ByteBuf ciBuf = Unpooled.wrappedBuffer((byte[]) afterTls.get(1));
        ConnectInitial ci = ConnectInitial.decode(ciBuf);
        ciBuf.release();
        assertThat(ci.gcc().clientData().core().desktopWidth()).isEqualTo(1024);
        assertThat(ci.gcc().clientData().core().serverSelectedProtocol()).isEqualTo(HYBRID);
        assertThat(ci.gcc().clientData().network().channels()).extracting(ChannelDef::name).containsExactly("drdynvc");

        List<Object> afterResponse = feed(c, response(false, List.of(1004))::encode);
        assertThat(afterResponse).hasSize(4); // milestone, server settings, erect domain, attach user
        assertThat(c.state()).isEqualTo(ClientConnector.State.WAIT_ATTACH_USER_CONFIRM);

        List<Object> afterAttach = feed(c, new DomainPdu.AttachUserConfirm(0, 1007)::encode);
        assertThat(afterAttach.getLast()).isEqualTo(HexVectors.encode(new DomainPdu.ChannelJoinRequest(1007, 1007)::encode));
        feed(c, new DomainPdu.ChannelJoinConfirm(0, 1007, 1007, 1007)::encode);
        List<Object> io = feed(c, new DomainPdu.ChannelJoinConfirm(0, 1007, 1003, 1003)::encode);
        assertThat(io.getLast()).isEqualTo(HexVectors.encode(new DomainPdu.ChannelJoinRequest(1007, 1004)::encode));
        List<Object> done = feed(c, new DomainPdu.ChannelJoinConfirm(0, 1007, 1004, 1004)::encode);
        assertThat(done).hasSize(3);
        assertThat(done.getFirst()).isEqualTo(new Milestone(Phase.CHANNELS_JOINED, "[1007, 1003, 1004]"));
        assertThat(done.get(2)).isEqualTo(new Milestone(Phase.SECURE_SETTINGS_EXCHANGED, "Client Info sent"));
        ClientInfoPdu info = decodeSendData((byte[]) done.get(1), ClientInfoPdu::decode);
        assertThat(info.info().userName()).isEqualTo("alice");
        assertThat(info.info().password()).isEqualTo("s3cret");
        assertThat(info.info().flags() & InfoPacket.INFO_AUTOLOGON).isNotZero();
        assertThat(c.state()).isEqualTo(ClientConnector.State.WAIT_LICENSE);
        assertThat(c.userId()).isEqualTo(1007);

        List<Object> licensed = feed(c, sendData(1003, HexVectors.encode(new LicensePdu(0x83, LicenseErrorMessage.VALID_CLIENT)::encodeSecured)));
        assertThat(licensed).containsExactly(new Milestone(Phase.LICENSED, "valid client"));

        List<Object> confirmed = feed(c, sendData(1003, HexVectors.load("/vectors/ms-rdpbcgr/4.1.12-ts-demand-active-pdu.hex")));
        assertThat(confirmed).hasSize(6); // confirm active, synchronize, cooperate, request control, font list, milestone
        ByteBuf caBuf = Unpooled.wrappedBuffer(payload((byte[]) confirmed.getFirst()));
        ConfirmActivePdu ca = (ConfirmActivePdu) ShareControlPdu.decode(caBuf);
        caBuf.release();
        assertThat(ca.shareId()).isEqualTo(0x103ea);
        assertThat(ca.originatorId()).isEqualTo(1002);
        assertThat(ca.capability(InputCapabilitySet.class).keyboardLayout()).isEqualTo(0x409);
        assertThat(c.state()).isEqualTo(ClientConnector.State.FINALIZATION);

        List<Object> active = feed(c, sendData(1003, HexVectors.load("/vectors/ms-rdpbcgr/4.1.22-ts-font-map-pdu.hex")));
        assertThat(active.getFirst()).isEqualTo(new Milestone(Phase.ACTIVE, "finalized"));
        assertThat(active.get(1)).isInstanceOfSatisfying(ConnectorAction.Activation.class, a -> {
            assertThat(a.shareId()).isEqualTo(0x103ea);
            assertThat(a.desktopWidth()).isEqualTo(1280);
        });
        assertThat(c.state()).isEqualTo(ClientConnector.State.ACTIVE);
    }

    private static java.util.function.Consumer<ByteBuf> sendData(int channel, byte[] userData) {
        return out -> {
            ByteBuf data = Unpooled.wrappedBuffer(userData);
            new DomainPdu.SendDataIndication(1002, channel, data).encode(out);
            data.release();
        };
    }

    private static byte[] payload(byte[] sendDataRequest) {
        ByteBuf b = Unpooled.wrappedBuffer(sendDataRequest);
        try {
            DomainPdu.SendDataRequest sdr = (DomainPdu.SendDataRequest) DomainPdu.decode(b);
            byte[] out = new byte[sdr.userData().readableBytes()];
            sdr.userData().readBytes(out);
            return out;
        } finally {
            b.release();
        }
    }

    private static <T> T decodeSendData(byte[] sendDataRequest, java.util.function.Function<ByteBuf, T> decoder) {
        ByteBuf b = Unpooled.wrappedBuffer(payload(sendDataRequest));
        try {
            return decoder.apply(b);
        } finally {
            b.release();
        }
    }

    @Test
    void skipsChannelJoinsWhenTheServerSupportsIt() {
        ClientConnector c = new ClientConnector(settings(List.of()), ByteBufAllocator.DEFAULT);
        drain(c.start());
        feed(c, new ConnectionConfirm(0, new NegotiationResponse(0, HYBRID))::encode);
        drain(c.onSecurityEstablished());
        feed(c, response(true, List.of())::encode);
        List<Object> attached = feed(c, new DomainPdu.AttachUserConfirm(0, 1002)::encode);
        assertThat(attached).startsWith(new Milestone(Phase.USER_ATTACHED, "user channel 1002"),
                new Milestone(Phase.CHANNELS_JOINED, "skipped (server supports it)"));
    }

    @Test
    void negotiationFailureEndsTheConnectionWithTheServersReason() {
        ClientConnector c = new ClientConnector(settings(List.of()), ByteBufAllocator.DEFAULT);
        drain(c.start());
        List<Object> out = feed(c, new ConnectionConfirm(0, new NegotiationFailure(NegotiationFailure.SSL_CERT_NOT_ON_SERVER))::encode);
        assertThat(out).singleElement().isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.error().kind()).isEqualTo(RdpException.Kind.NEGOTIATION);
            assertThat(f.error()).hasMessageContaining("no certificate");
        });
        assertThat(c.state()).isEqualTo(ClientConnector.State.FAILED);
    }

    @Test
    void aProtocolThatWasNotRequestedIsRefused() {
        ClientConnector c = new ClientConnector(settings(List.of()), ByteBufAllocator.DEFAULT);
        drain(c.start());
        List<Object> out = feed(c, new ConnectionConfirm(0, new NegotiationResponse(0, SecurityProtocols.PROTOCOL_RDSTLS))::encode);
        assertThat(out).singleElement().isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.error()).hasMessageContaining("RDSTLS"));
    }

    @Test
    void anUnexpectedPduIsAStateError() {
        ClientConnector c = new ClientConnector(settings(List.of()), ByteBufAllocator.DEFAULT);
        drain(c.start());
        feed(c, new ConnectionConfirm(0, new NegotiationResponse(0, HYBRID))::encode);
        drain(c.onSecurityEstablished());
        feed(c, response(false, List.of())::encode);
        List<Object> out = feed(c, new DomainPdu.ChannelJoinConfirm(0, 1007, 1007, 1007)::encode);
        assertThat(out).singleElement().isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.error().kind()).isEqualTo(RdpException.Kind.STATE));
    }

    /** A connector with licensing settings, walked up to WAIT_LICENSE (channel joins skipped). */
    private static ClientConnector licensingConnector(LicensingSettings licensing) {
        ClientConnector c = new ClientConnector(settings(List.of()), new LogonCredentials("alice", "", "s3cret".toCharArray()),
                ClientInfoSettings.defaults(), licensing, ByteBufAllocator.DEFAULT);
        drain(c.start());
        feed(c, new ConnectionConfirm(0, new NegotiationResponse(0, HYBRID))::encode);
        drain(c.onSecurityEstablished());
        feed(c, response(true, List.of())::encode);
        feed(c, new DomainPdu.AttachUserConfirm(0, 1007)::encode);
        assertThat(c.state()).isEqualTo(ClientConnector.State.WAIT_LICENSE);
        return c;
    }

    /** The licensing PDU inside a client Send Data Request, checking the MCS addressing and the security header. */
    private static LicensePdu clientLicensing(byte[] sendDataRequest) {
        ByteBuf b = Unpooled.wrappedBuffer(sendDataRequest);
        try {
            DomainPdu.SendDataRequest sdr = (DomainPdu.SendDataRequest) DomainPdu.decode(b);
            assertThat(sdr.initiator()).isEqualTo(1007);
            assertThat(sdr.channelId()).isEqualTo(1003);
            assertThat(sdr.userData().getUnsignedShortLE(sdr.userData().readerIndex())).isEqualTo(SecurityHeader.SEC_LICENSE_PKT);
            return LicensePdu.decodeSecured(sdr.userData());
        } finally {
            b.release();
        }
    }

    private static java.util.function.Consumer<ByteBuf> serverLicensing(LicensePdu pdu) {
        return sendData(1003, HexVectors.encode(pdu::encodeSecured));
    }

    @Test
    void theFullLicensingDialogueRunsBeforeTheCapabilityExchange() {
        RecordingEntropy entropy = new RecordingEntropy(42);
        Bytes deviceId = Bytes.ofHex("0f0e0d0c0b0a09080706050403020100");
        ClientConnector c = licensingConnector(LicensingSettings.of(entropy, deviceId));
        TestLicenseServer server = new TestLicenseServer(TestLicenseServer.Certificate.PROPRIETARY,
                TestLicenseServer.Ending.CHALLENGE_THEN_LICENSE, 43);

        List<Object> request = feed(c, serverLicensing(server.licenseRequest()));
        assertThat(request).singleElement().isInstanceOf(byte[].class);
        server.expecting("alice", "porthole", new ClientHardwareId(LicensingSettings.DEFAULT_PLATFORM_ID, 0x0c0d0e0f, 0x08090a0b,
                0x04050607, 0x00010203), entropy.given(1));
        List<Object> response = feed(c, serverLicensing(server.onClientMessage(clientLicensing((byte[]) request.getFirst()))));
        assertThat(c.state()).isEqualTo(ClientConnector.State.WAIT_LICENSE);
        List<Object> licensed = feed(c, serverLicensing(server.onClientMessage(clientLicensing((byte[]) response.getFirst()))));

        assertThat(licensed).singleElement().isInstanceOfSatisfying(Milestone.class, m -> {
            assertThat(m.phase()).isEqualTo(Phase.LICENSED);
            assertThat(m.detail()).startsWith("new license issued by microsoft.com for Microsoft Corporation A02")
                    .endsWith("after a key exchange with the 512-bit RSA key of the proprietary certificate");
        });
        assertThat(server.checks()).contains("premaster secret", "user and machine names", "challenge response MAC", "hardware id");
        assertThat(c.licenseOutcome().license()).isEqualTo(server.license());
        assertThat(c.state()).isEqualTo(ClientConnector.State.WAIT_DEMAND_ACTIVE);

        List<Object> confirmed = feed(c, sendData(1003, HexVectors.load("/vectors/ms-rdpbcgr/4.1.12-ts-demand-active-pdu.hex")));
        assertThat(confirmed.getLast()).isInstanceOfSatisfying(Milestone.class,
                m -> assertThat(m.phase()).isEqualTo(Phase.CAPABILITIES_EXCHANGED));
    }

    @Test
    void aCertificateThatDoesNotVerifyIsReportedToTheServerBeforeFailing() {
        ClientConnector c = licensingConnector(LicensingSettings.of(new RecordingEntropy(1), Bytes.zeros(16)));
        TestLicenseServer server = new TestLicenseServer(TestLicenseServer.Certificate.PROPRIETARY_BADLY_SIGNED,
                TestLicenseServer.Ending.VALID_CLIENT, 2);
        List<Object> out = feed(c, serverLicensing(server.licenseRequest()));
        assertThat(out).hasSize(2);
        assertThat(clientLicensing((byte[]) out.getFirst()).message()).isInstanceOfSatisfying(LicenseErrorMessage.class, e -> {
            assertThat(e.errorCode()).isEqualTo(LicenseErrorMessage.ERR_INVALID_SERVER_CERTIFICATE);
            assertThat(e.stateTransition()).isEqualTo(LicenseErrorMessage.ST_TOTAL_ABORT);
        });
        assertThat(out.getLast()).isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.error().kind()).isEqualTo(RdpException.Kind.TRUST));
        assertThat(c.state()).isEqualTo(ClientConnector.State.FAILED);
    }

    @Test
    void withoutLicensingSettingsALicenseRequestFailsSayingWhatIsMissing() {
        ClientConnector c = licensingConnector(LicensingSettings.NONE);
        TestLicenseServer server = new TestLicenseServer(TestLicenseServer.Certificate.PROPRIETARY,
                TestLicenseServer.Ending.VALID_CLIENT, 2);
        assertThat(feed(c, serverLicensing(server.licenseRequest()))).singleElement().isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.error().kind()).isEqualTo(RdpException.Kind.ARGUMENT);
            assertThat(f.error()).hasMessageContaining("EntropySource");
        });
    }

    @Test
    void aLicensingErrorFromTheServerEndsTheConnectionWithItsName() {
        ClientConnector c = licensingConnector(LicensingSettings.of(new RecordingEntropy(1), Bytes.zeros(16)));
        LicensePdu error = new LicensePdu(3, new LicenseErrorMessage(LicenseErrorMessage.ERR_NO_LICENSE_SERVER,
                LicenseErrorMessage.ST_TOTAL_ABORT, LicenseBinaryBlob.empty(LicenseBinaryBlob.BB_ERROR_BLOB)));
        assertThat(feed(c, serverLicensing(error))).singleElement().isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.error().kind()).isEqualTo(RdpException.Kind.AUTHENTICATION);
            assertThat(f.error()).hasMessageContaining("ERR_NO_LICENSE_SERVER");
        });
    }
}
