package dev.porthole.rdp.protocol.channel.drdynvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.CapabilitiesRequest;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.CapabilitiesResponse;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.Close;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.CreateRequest;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.CreateResponse;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.Data;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.DataCompressed;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.DataFirst;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.DataFirstCompressed;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.PriorityCharges;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.SoftSyncChannelList;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.SoftSyncRequest;
import dev.porthole.rdp.protocol.channel.drdynvc.DvcPdu.SoftSyncResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** MS-RDPEDYC section 4 examples: decoded field by field and re-encoded byte for byte. */
class DvcPduGoldenTest {

    static byte[] vector(String file) {
        return HexVectors.load("/vectors/ms-rdpedyc/" + file);
    }

    static DvcPdu fromServer(byte[] bytes) {
        ByteBuf b = Unpooled.wrappedBuffer(bytes);
        DvcPdu pdu = DvcPdu.decodeFromServer(b);
        assertThat(b.isReadable()).isFalse();
        return pdu; // payload slices point into a wrapped array: nothing to release
    }

    static DvcPdu fromClient(byte[] bytes) {
        ByteBuf b = Unpooled.wrappedBuffer(bytes);
        DvcPdu pdu = DvcPdu.decodeFromClient(b);
        assertThat(b.isReadable()).isFalse();
        return pdu;
    }

    static void reencodes(DvcPdu pdu, byte[] bytes) {
        assertThat(pdu.size()).isEqualTo(bytes.length);
        assertThat(HexVectors.encode(pdu::encode)).isEqualTo(bytes);
    }

    static byte[] q(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0x71);
        return b;
    }

    @Test
    void capabilitiesRequestVersion2WithPriorityCharges() {
        byte[] bytes = vector("4.1.1-caps-request-v2.hex");
        DvcPdu pdu = fromServer(bytes);
        PriorityCharges charges = new PriorityCharges(13107, 4369, 2621, 1191);
        assertThat(pdu).isEqualTo(new CapabilitiesRequest(2, 2, charges)); // Sp = 2 as sent
        reencodes(pdu, bytes);
        // the spec's annotation: ~5%, ~15%, ~25%, ~55%
        assertThat(charges.bandwidthShare(0)).isBetween(0.04, 0.06);
        assertThat(charges.bandwidthShare(1)).isBetween(0.14, 0.16);
        assertThat(charges.bandwidthShare(2)).isBetween(0.24, 0.26);
        assertThat(charges.bandwidthShare(3)).isBetween(0.54, 0.56);
    }

    @Test
    void priorityChargeFormulaExampleFromSection2_2_1_1_2() {
        PriorityCharges c = new PriorityCharges(936, 3276, 9362, 21845);
        assertThat(Math.round(c.bandwidthShare(0) * 100)).isEqualTo(70);
        assertThat(Math.round(c.bandwidthShare(1) * 100)).isEqualTo(20);
        assertThat(Math.round(c.bandwidthShare(2) * 100)).isEqualTo(7);
        assertThat(Math.round(c.bandwidthShare(3) * 100)).isEqualTo(3);
    }

    @Test
    void capabilitiesResponse() {
        byte[] bytes = vector("4.1.2-caps-response.hex");
        assertThat(fromClient(bytes)).isEqualTo(new CapabilitiesResponse(2));
        reencodes(new CapabilitiesResponse(2), bytes);
    }

    @Test
    void createRequestAndResponse() {
        byte[] req = vector("4.2.1-create-request.hex");
        assertThat(fromServer(req)).isEqualTo(new CreateRequest(0, 3, "testdvc"));
        reencodes(new CreateRequest(0, 3, "testdvc"), req);
        byte[] rsp = vector("4.2.2-create-response.hex");
        assertThat(fromClient(rsp)).isEqualTo(new CreateResponse(3, 0));
        reencodes(new CreateResponse(3, CreateResponse.S_OK), rsp);
    }

    @Test
    void dataFirstAndDataCarryA3195ByteMessage() {
        byte[] first = vector("4.3.1-data-first.hex");
        byte[] middle = vector("4.3.2-data.hex");
        byte[] last = vector("4.3.2-data-last.hex");
        assertThat(first).hasSize(DvcPdu.MAX_PDU_SIZE);
        assertThat(middle).hasSize(DvcPdu.MAX_PDU_SIZE);

        DvcPdu df = fromServer(first);
        assertThat(df).isEqualTo(new DataFirst(3, 3195, Unpooled.wrappedBuffer(q(1596))));
        reencodes(df, first);
        DvcPdu d = fromServer(middle);
        assertThat(d).isEqualTo(new Data(1, 3, Unpooled.wrappedBuffer(q(1598))));
        reencodes(d, middle);
        DvcPdu l = fromServer(last);
        assertThat(l).isEqualTo(new Data(1, 3, Unpooled.wrappedBuffer(q(1))));
        reencodes(l, last);
    }

    @Test
    void compressedDataPdusAreRecognised() {
        DvcPdu dfc = fromServer(vector("4.3.3-data-first-compressed.hex"));
        assertThat(dfc).isInstanceOfSatisfying(DataFirstCompressed.class, p -> {
            assertThat(p.channelId()).isEqualTo(3);
            assertThat(p.totalLength()).isEqualTo(3195);
            assertThat(p.data().readableBytes()).isEqualTo(8);
        });
        reencodes(dfc, vector("4.3.3-data-first-compressed.hex"));
        DvcPdu dc = fromServer(vector("4.3.4-data-compressed.hex"));
        assertThat(dc).isInstanceOfSatisfying(DataCompressed.class, p -> assertThat(p.data().readableBytes()).isEqualTo(7));
        reencodes(dc, vector("4.3.4-data-compressed.hex"));
        DvcPdu last = fromServer(vector("4.3.4-data-compressed-last.hex"));
        assertThat(last).isEqualTo(new DataCompressed(3, Unpooled.wrappedBuffer(new byte[] {6, 0x71, 0x71, 0x71})));
        // the uncompressed payloads of the example add up to the announced length
        assertThat(vector("4.3.3-uncompressed.hex").length + vector("4.3.4-uncompressed.hex").length + 3).isEqualTo(3195);
    }

    @Test
    void close() {
        byte[] bytes = vector("4.4.1-close.hex");
        assertThat(fromServer(bytes)).isEqualTo(new Close(3));
        assertThat(fromClient(bytes)).isEqualTo(new Close(3));
        reencodes(new Close(3), bytes);
    }

    @Test
    void channelIdAndLengthWidthsFollowCbIdAndLen() {
        // cbId = 1 (2-byte id), Len = 2 (4-byte length)
        byte[] bytes = {0x29, 0x34, 0x12, 0x00, 0x00, 0x01, 0x00, 0x41};
        assertThat(fromServer(bytes)).isEqualTo(new DataFirst(0x1234, 0x10000, Unpooled.wrappedBuffer(new byte[] {0x41})));
        reencodes(fromServer(bytes), bytes);
        byte[] close4 = {0x42, 0x78, 0x56, 0x34, 0x12};
        assertThat(fromServer(close4)).isEqualTo(new Close(0x12345678L));
        reencodes(new Close(0x12345678L), close4);
    }

    @Test
    void softSyncRequestAndResponse() {
        SoftSyncRequest req = new SoftSyncRequest(SoftSyncRequest.SOFT_SYNC_TCP_FLUSHED | SoftSyncRequest.SOFT_SYNC_CHANNEL_LIST_PRESENT,
                1, List.of(new SoftSyncChannelList(1, List.of(3L, 7L))));
        byte[] bytes = HexVectors.encode(req::encode);
        assertThat(bytes).startsWith(0x80, 0x00, 0x16, 0x00, 0x00, 0x00, 0x03, 0x00, 0x01, 0x00);
        assertThat(fromServer(bytes)).isEqualTo(req);
        SoftSyncResponse rsp = new SoftSyncResponse(List.of(1L));
        byte[] r = HexVectors.encode(rsp::encode);
        assertThat(r).containsExactly(0x90, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00);
        assertThat(fromClient(r)).isEqualTo(rsp);
    }

    @Test
    void errorsNameThePduAndField() {
        assertThatThrownBy(() -> fromServer(new byte[] {0x10, 0x03, 0x61, 0x62})).isInstanceOf(RdpException.class)
                .hasMessageContaining("DYNVC_CREATE_REQ.ChannelName").hasMessageContaining("NUL");
        assertThatThrownBy(() -> fromServer(new byte[] {0x13, 0x03, 0x61, 0x00})).hasMessageContaining("ChannelId")
                .hasMessageContaining("size code 3");
        assertThatThrownBy(() -> fromServer(new byte[] {0x50, 0x00, 0x04, 0x00})).hasMessageContaining("Version");
        assertThatThrownBy(() -> fromServer(new byte[] {0x58, 0x00, 0x02, 0x00, 0x01})).hasMessageContaining("PriorityCharges");
        assertThatThrownBy(() -> fromServer(new byte[] {(byte) 0xA0})).hasMessageContaining("Cmd");
        assertThatThrownBy(() -> fromServer(new byte[] {0x20, 0x03, 0x01, 0x41, 0x42})).isInstanceOfSatisfying(RdpException.class,
                e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED)).hasMessageContaining("exceed Length");
        assertThatThrownBy(() -> fromServer(new byte[] {0x40, 0x03, 0x00})).hasMessageContaining("trailing");
    }
}
