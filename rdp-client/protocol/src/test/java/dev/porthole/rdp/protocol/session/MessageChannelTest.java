package dev.porthole.rdp.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.rdp.AutoDetectResponse;
import dev.porthole.rdp.protocol.pdu.rdp.AutoDetectResponsePdu;
import dev.porthole.rdp.protocol.pdu.rdp.MessageChannelPdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/**
 * {@link MessageChannel}: auto-detect requests (MS-RDPBCGR 2.2.14.1) in, responses (2.2.14.2) out, and the
 * heartbeat watch (2.2.16.1). Request bytes are written from the field tables: a basic security header
 * (flags, flagsHi), then headerLength, headerTypeId, sequenceNumber, requestType, little-endian.
 */
class MessageChannelTest {

    private final MessageChannel channel = new MessageChannel();

    @Test
    void anRttRequestIsAnsweredAtOnceWithItsSequenceNumber() {
        // SEC_AUTODETECT_REQ 0x1000; RDP_RTT_REQUEST: length 6, type 0x00, sequence 0x0102, RTT_REQUEST_CONTINUOUS
        MessageChannel.Result r = channel.onData(bytes("00100000" + "0600" + "0201" + "0100"), 0);
        assertThat(r.replies()).containsExactly(new AutoDetectResponsePdu(new AutoDetectResponse.RttResponse(0x0102)));
        // SEC_AUTODETECT_RSP 0x2000; RDP_RTT_RESPONSE: length 6, type 0x01, sequence, responseType 0x0000
        assertThat(encode(r.replies().getFirst())).isEqualTo("00200000" + "0601" + "0201" + "0000");
    }

    @Test
    void bandwidthPayloadBytesBetweenStartAndStopAreReportedWithTheElapsedTime() {
        channel.onData(bytes("00100000" + "0600" + "0700" + "1410"), 1_000);              // BW_START connect time, seq 7
        channel.onData(bytes("00100000" + "0800" + "0800" + "0200" + "0400" + "aabbccdd"), 1_010); // BW_PAYLOAD 4 bytes
        MessageChannel.Result r = channel.onData(bytes("00100000" + "0800" + "0900" + "2b00" + "0200" + "eeff"), 1_250);
        assertThat(r.replies()).containsExactly(new AutoDetectResponsePdu(
                new AutoDetectResponse.BandwidthResults(9, AutoDetectResponse.BW_RESULTS_CONNECT_TIME, 250, 6)));
        // RDP_BW_RESULTS: length 14, type 0x01, seq 9, BW_RESULTS_CONNECT_TIME 0x0003, timeDelta 250, byteCount 6
        assertThat(encode(r.replies().getFirst())).isEqualTo("00200000" + "0e01" + "0900" + "0300" + "fa000000" + "06000000");

        channel.onData(bytes("00100000" + "0600" + "0a00" + "1400"), 5_000);              // BW_START reliable UDP
        MessageChannel.Result c = channel.onData(bytes("00100000" + "0600" + "0b00" + "2904"), 5_040);
        assertThat(c.replies()).containsExactly(new AutoDetectResponsePdu(
                new AutoDetectResponse.BandwidthResults(11, AutoDetectResponse.BW_RESULTS_CONTINUOUS, 40, 0)));
    }

    @Test
    void networkCharacteristicsAreKeptAndNeedNoAnswer() {
        // RDP_NETCHAR_RESULT 0x08C0: baseRTT 10, bandwidth 20000, averageRTT 12
        MessageChannel.Result r = channel.onData(bytes("00100000" + "1200" + "0c00" + "c008" + "0a000000" + "204e0000" + "0c000000"), 0);
        assertThat(r.replies()).isEmpty();
        assertThat(channel.networkCharacteristics().bandwidth()).isEqualTo(20000);
        assertThat(channel.networkCharacteristics().averageRtt()).isEqualTo(12);
    }

    @Test
    void aStopOrPayloadOutsideAMeasurementIsMalformed() {
        assertThatThrownBy(() -> channel.onData(bytes("00100000" + "0600" + "0b00" + "2904"), 0))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                .hasMessageContaining("without a Start");
        assertThatThrownBy(() -> channel.onData(bytes("00100000" + "0800" + "0800" + "0200" + "0100" + "aa"), 0))
                .hasMessageContaining("without a Start");
    }

    @Test
    void missedHeartbeatsAreReportedFromCount1AndAdviseAReconnectFromCount2() {
        assertThat(channel.onTick(1_000_000)).isEmpty(); // no heartbeat yet: nothing to watch
        // SEC_HEARTBEAT 0x4000; reserved, period 2 s, count1 3, count2 5
        channel.onData(bytes("00400000" + "00020305"), 10_000);
        assertThat(channel.heartbeatPeriodMillis()).isEqualTo(2_000);
        assertThat(channel.onTick(15_999)).isEmpty();                                  // 2 periods
        assertThat(channel.onTick(16_000)).containsExactly(new SessionEvent.HeartbeatMissed(3, false));
        assertThat(channel.onTick(17_000)).isEmpty();                                  // still 3: reported once
        assertThat(channel.onTick(20_000)).containsExactly(new SessionEvent.HeartbeatMissed(5, true));
        channel.onData(bytes("00400000" + "00020305"), 20_500);                        // heartbeat again
        assertThat(channel.onTick(21_000)).isEmpty();
    }

    private static ByteBuf bytes(String hex) {
        return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
    }

    private static String encode(MessageChannelPdu pdu) {
        ByteBuf out = Unpooled.buffer();
        try {
            pdu.encode(out);
            assertThat(out.readableBytes()).isEqualTo(pdu.size());
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

}
