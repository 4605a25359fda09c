package dev.porthole.rdp.protocol.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ClientConnector;
import dev.porthole.rdp.protocol.connector.ClientInfoSettings;
import dev.porthole.rdp.protocol.connector.ConnectorAction;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Failed;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Milestone;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Phase;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Send;
import dev.porthole.rdp.protocol.connector.ConnectorSettings;
import dev.porthole.rdp.protocol.connector.LogonCredentials;
import dev.porthole.rdp.protocol.pdu.gcc.ClientSecurityData;
import dev.porthole.rdp.protocol.pdu.gcc.ConferenceCreateResponse;
import dev.porthole.rdp.protocol.pdu.gcc.ServerCoreData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerNetworkData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerSecurityData;
import dev.porthole.rdp.protocol.pdu.mcs.ConnectInitial;
import dev.porthole.rdp.protocol.pdu.mcs.ConnectResponse;
import dev.porthole.rdp.protocol.pdu.mcs.DomainParameters;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu;
import dev.porthole.rdp.protocol.pdu.rdp.InfoPacket;
import dev.porthole.rdp.protocol.pdu.rdp.SecurityExchangePdu;
import dev.porthole.rdp.protocol.pdu.rdp.SecurityHeader;
import dev.porthole.rdp.protocol.pdu.x224.ConnectionConfirm;
import dev.porthole.rdp.protocol.pdu.x224.NegotiationResponse;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/**
 * The connector under Standard RDP Security against a scripted server (no I/O): refused unless allowed; when
 * allowed, the Connect Initial offers RC4, the Security Exchange PDU follows the channel phase, the Client Info
 * PDU is encrypted (a server holding the keys of the known client random reads it), encrypted licensing PDUs
 * from the server are decrypted, and a wrong MAC ends the connection with a TRUST error.
 */
class StandardSecurityConnectorTest {

    private static final int TLS_OR_NLA = SecurityProtocols.PROTOCOL_SSL | SecurityProtocols.PROTOCOL_HYBRID;

    private static ClientConnector connector() {
        return new ClientConnector(new ConnectorSettings(TLS_OR_NLA, null, "tester", 1024, 768, 32, 0x409, "porthole",
                List.of(), List.of(), 0), new LogonCredentials("alice", "", "s3cret".toCharArray()),
                ClientInfoSettings.defaults(), ByteBufAllocator.DEFAULT);
    }

    private static List<Object> drain(List<ConnectorAction> actions) {
        List<Object> out = new ArrayList<>();
        for (ConnectorAction a : actions) {
            if (a instanceof Send s) {
                out.add(ByteBufUtil.getBytes(s.data()));
                s.data().release();
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

    private static byte[] userData(byte[] sendDataRequest) {
        ByteBuf b = Unpooled.wrappedBuffer(sendDataRequest);
        try {
            return ByteBufUtil.getBytes(((DomainPdu.SendDataRequest) DomainPdu.decode(b)).userData());
        } finally {
            b.release();
        }
    }

    @Test
    void refusedWithoutTheOptInNamingTheSetting() {
        for (ConnectionConfirm cc : List.of(new ConnectionConfirm(0, new NegotiationResponse(0, SecurityProtocols.PROTOCOL_RDP)),
                new ConnectionConfirm(0, null))) {
            ClientConnector c = connector();
            drain(c.start());
            List<Object> out = feed(c, cc::encode);
            assertThat(out).singleElement().isInstanceOfSatisfying(Failed.class, f -> {
                assertThat(f.error().kind()).isEqualTo(RdpException.Kind.NEGOTIATION);
                assertThat(f.error()).hasMessageContaining("Standard RDP Security").hasMessageContaining("allowStandardRdpSecurity");
            });
        }
    }

    @Test
    void whenAllowedEverythingAfterTheExchangeIsEncrypted() {
        ClientConnector c = connector().allowStandardRdpSecurity(
                b -> System.arraycopy(StandardSecurityTest.CLIENT_RANDOM, 0, b, 0, b.length));
        drain(c.start());
        List<Object> afterCc = feed(c, new ConnectionConfirm(0, new NegotiationResponse(0, SecurityProtocols.PROTOCOL_RDP))::encode);
        assertThat(afterCc.getFirst()).isEqualTo(new Milestone(Phase.NEGOTIATED,
                "Standard RDP Security (the server selected PROTOCOL_RDP)"));
        ByteBuf ciBuf = Unpooled.wrappedBuffer((byte[]) afterCc.get(1));
        ConnectInitial ci = ConnectInitial.decode(ciBuf);
        ciBuf.release();
        assertThat(ci.gcc().clientData().security().encryptionMethods()).isEqualTo(StandardSecurity.OFFERED_METHODS);
        assertThat(ci.gcc().clientData().core().serverSelectedProtocol()).isZero();

        ServerSecurityData spec = StandardSecurityTest.spec414();
        ServerData data = new ServerData(new ServerCoreData(0x00080004, TLS_OR_NLA,
                ServerCoreData.RNS_UD_SC_SKIP_CHANNELJOIN_SUPPORTED, 2), spec, new ServerNetworkData(1003, List.of()), null);
        List<Object> afterResponse = feed(c, new ConnectResponse(0, 0, DomainParameters.TARGET,
                new ConferenceCreateResponse(31219, 1, data))::encode);
        assertThat(afterResponse.getFirst()).isEqualTo(new Milestone(Phase.SECURITY_ESTABLISHED,
                "Standard RDP Security, RC4 128-bit, encryption level 2"));

        List<Object> afterAttach = feed(c, new DomainPdu.AttachUserConfirm(0, 1007)::encode);
        List<byte[]> sent = afterAttach.stream().filter(byte[].class::isInstance).map(byte[].class::cast).toList();
        assertThat(sent).hasSize(2);
        SecurityExchangePdu exchange = SecurityExchangePdu.decode(Unpooled.wrappedBuffer(userData(sent.get(0))));
        assertThat(exchange.flags()).isEqualTo(SecurityHeader.SEC_EXCHANGE_PKT | SecurityHeader.SEC_LICENSE_ENCRYPT_SC);
        assertThat(exchange.encryptedClientRandom().toByteArray()).isEqualTo(c.standardSecurity().encryptedClientRandom());

        // the server's view: keys of the client random it decrypted (known here) and its own random
        SessionKeys k = SessionKeys.derive(StandardSecurityTest.CLIENT_RANDOM, spec.serverRandom(),
                ClientSecurityData.ENCRYPTION_METHOD_128BIT);
        StandardSecurity server = new StandardSecurity(k.method(), 2,
                new SessionKeys(k.method(), k.macKey(), k.decryptKey(), k.encryptKey()), new byte[8]);
        byte[] info = userData(sent.get(1));
        assertThat(new String(info, StandardCharsets.UTF_16LE)).doesNotContain("alice").doesNotContain("s3cret");
        ByteBuf infoBuf = Unpooled.wrappedBuffer(info);
        assertThat(server.unwrap(infoBuf)).isEqualTo(SecurityHeader.SEC_INFO_PKT | SecurityHeader.SEC_ENCRYPT);
        InfoPacket packet = InfoPacket.decode(infoBuf);
        assertThat(packet.userName()).isEqualTo("alice");
        assertThat(packet.password()).isEqualTo("s3cret");
        infoBuf.release();

        // MS-RDPBCGR 4.1.11: the License Error PDU (Valid Client), encrypted by the server
        byte[] valid = HexVectors.load("/vectors/ms-rdpbcgr/4.1.11-license-valid-client-data.hex");
        List<Object> licensed = feed(c, serverPdu(server, SecurityHeader.SEC_LICENSE_PKT, valid, false));
        assertThat(licensed).singleElement().isInstanceOfSatisfying(Milestone.class,
                m -> assertThat(m.phase()).isEqualTo(Phase.LICENSED));
        assertThat(c.state()).isEqualTo(ClientConnector.State.WAIT_DEMAND_ACTIVE);

        List<Object> tampered = feed(c, serverPdu(server, 0, new byte[] {1, 2, 3, 4, 5, 6}, true));
        assertThat(tampered).singleElement().isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.error().kind()).isEqualTo(RdpException.Kind.TRUST);
            assertThat(f.error()).hasMessageContaining("MAC");
        });
    }

    private static java.util.function.Consumer<ByteBuf> serverPdu(StandardSecurity server, int flags, byte[] plain,
                                                                   boolean tamper) {
        ByteBuf sealed = Unpooled.buffer();
        server.encodeSecured(flags, Unpooled.wrappedBuffer(plain), sealed);
        if (tamper) {
            sealed.setByte(sealed.writerIndex() - 1, sealed.getByte(sealed.writerIndex() - 1) ^ 0x20);
        }
        byte[] bytes = ByteBufUtil.getBytes(sealed);
        sealed.release();
        return out -> {
            ByteBuf d = Unpooled.wrappedBuffer(bytes);
            new DomainPdu.SendDataIndication(1002, 1003, d).encode(out);
            d.release();
        };
    }
}
