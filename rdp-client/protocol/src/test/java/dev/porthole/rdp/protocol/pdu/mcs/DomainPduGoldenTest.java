package dev.porthole.rdp.protocol.pdu.mcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu.AttachUserConfirm;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu.AttachUserRequest;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu.ChannelJoinConfirm;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu.ChannelJoinRequest;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu.DisconnectProviderUltimatum;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu.ErectDomainRequest;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu.SendDataIndication;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu.SendDataRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** MS-RDPBCGR 4.1.5–4.1.9 examples and round trips of the MCS domain PDUs. */
class DomainPduGoldenTest {

    private static DomainPdu decode(byte[] bytes) {
        ByteBuf b = Unpooled.wrappedBuffer(bytes);
        try {
            DomainPdu pdu = DomainPdu.decode(b);
            assertThat(b.isReadable()).isFalse();
            return pdu;
        } finally {
            b.release();
        }
    }

    private static void golden(String file, DomainPdu expected) {
        byte[] bytes = HexVectors.load("/vectors/ms-rdpbcgr/" + file);
        assertThat(decode(bytes)).isEqualTo(expected);
        assertThat(HexVectors.encode(expected::encode)).isEqualTo(bytes);
        assertThat(expected.size()).isEqualTo(bytes.length);
    }

    @Test
    void erectDomainRequest() {
        golden("4.1.5-erect-domain-request.hex", new ErectDomainRequest(0, 0));
    }

    @Test
    void attachUserRequest() {
        golden("4.1.6-attach-user-request.hex", new AttachUserRequest());
    }

    @Test
    void attachUserConfirmAssignsUser1007() {
        golden("4.1.7-attach-user-confirm.hex", new AttachUserConfirm(0, 1007));
    }

    @Test
    void channelJoinRequestAndConfirm() {
        golden("4.1.8.1.1-channel-join-request.hex", new ChannelJoinRequest(1007, 1007));
        golden("4.1.8.1.2-channel-join-confirm.hex", new ChannelJoinConfirm(0, 1007, 1007, 1007));
    }

    @Test
    void sendDataRequestCarriesTheSecurityExchangePayload() {
        byte[] bytes = HexVectors.load("/vectors/ms-rdpbcgr/4.1.9-security-exchange-send-data.hex");
        DomainPdu pdu = decode(bytes);
        assertThat(pdu).isInstanceOfSatisfying(SendDataRequest.class, s -> {
            assertThat(s.initiator()).isEqualTo(1007);
            assertThat(s.channelId()).isEqualTo(1003);
            assertThat(s.userData().readableBytes()).isEqualTo(bytes.length - 14);
        });
        ByteBuf again = Unpooled.wrappedBuffer(bytes);
        try {
            DomainPdu reparsed = DomainPdu.decode(again);
            assertThat(HexVectors.encode(reparsed::encode)).isEqualTo(bytes);
        } finally {
            again.release();
        }
    }

    @Test
    void disconnectProviderUltimatumUserRequested() {
        byte[] bytes = HexVectors.encode(new DisconnectProviderUltimatum(DisconnectProviderUltimatum.RN_USER_REQUESTED)::encode);
        assertThat(bytes).endsWith(0x21, 0x80);
        assertThat(decode(bytes)).isEqualTo(new DisconnectProviderUltimatum(3));
    }

    @Test
    void unknownChoiceNamesTheField() {
        assertThatThrownBy(() -> decode(new byte[] {3, 0, 0, 8, 2, (byte) 0xf0, (byte) 0x80, (byte) 0x7c}))
                .isInstanceOf(RdpException.class).hasMessageContaining("choice");
    }

    @Property(tries = 200)
    void sendDataIndicationRoundTrips(@ForAll @IntRange(min = 1001, max = 65535) int user,
                                      @ForAll @IntRange(min = 0, max = 65535) int channel,
                                      @ForAll @Size(max = 2000) byte[] data) {
        ByteBuf payload = Unpooled.wrappedBuffer(data);
        SendDataIndication sdi = new SendDataIndication(user, channel, payload);
        byte[] bytes = HexVectors.encode(sdi::encode);
        assertThat(bytes).hasSize(sdi.size());
        ByteBuf wire = Unpooled.wrappedBuffer(bytes);
        try {
            assertThat(DomainPdu.decode(wire)).isEqualTo(sdi);
        } finally {
            wire.release();
            payload.release();
        }
    }
}
