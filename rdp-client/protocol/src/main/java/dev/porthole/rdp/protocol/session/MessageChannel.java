package dev.porthole.rdp.protocol.session;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.rdp.AutoDetectRequest;
import dev.porthole.rdp.protocol.pdu.rdp.AutoDetectRequestPdu;
import dev.porthole.rdp.protocol.pdu.rdp.AutoDetectResponse;
import dev.porthole.rdp.protocol.pdu.rdp.AutoDetectResponsePdu;
import dev.porthole.rdp.protocol.pdu.rdp.HeartbeatPdu;
import dev.porthole.rdp.protocol.pdu.rdp.MessageChannelPdu;
import io.netty.buffer.ByteBuf;

/**
 * The client side of the MCS message channel (MS-RDPBCGR 2.2.1.4.5), sans-I/O: the driver passes each PDU
 * received on it with the current time in milliseconds (this module reads no clock) and sends the replies.
 * <ul>
 *   <li>Auto-detect (2.2.14, 3.2.5.14): RTT Measure Requests are answered at once; the bytes of Bandwidth
 *       Measure Payloads between Start and Stop are counted and reported with the elapsed time in a Bandwidth
 *       Measure Results response (connect-time or continuous, as the Stop was); Network Characteristics
 *       Results are kept ({@link #networkCharacteristics()}).</li>
 *   <li>Heartbeat (2.2.16.1): each Heartbeat PDU restarts the watch; {@link #onTick} reports
 *       {@link SessionEvent.HeartbeatMissed} once count1 periods passed without one (reconnect advised
 *       from count2 on), once per further missed period.</li>
 * </ul>
 * A Stop without a Start, or a payload outside a measurement, is MALFORMED (the server is out of step).
 */
public final class MessageChannel {

    /** What to do after a message channel PDU. */
    public record Result(List<MessageChannelPdu> replies, List<SessionEvent> events) {}

    private Integer bandwidthSequence;
    private long bandwidthStart;
    private long byteCount;
    private AutoDetectRequest.NetworkCharacteristicsResult networkCharacteristics;

    private int period;
    private int count1;
    private int count2;
    private long lastHeartbeat;
    private int reportedMissed;

    /** Decodes the user data of a PDU on the message channel and handles it. */
    public Result onData(ByteBuf data, long nowMillis) {
        return onPdu(MessageChannelPdu.decode(data), nowMillis);
    }

    public Result onPdu(MessageChannelPdu pdu, long nowMillis) {
        List<MessageChannelPdu> replies = new ArrayList<>();
        switch (pdu) {
            case AutoDetectRequestPdu r -> onAutoDetect(r.request(), nowMillis, replies);
            case HeartbeatPdu h -> {
                period = h.period();
                count1 = h.count1();
                count2 = h.count2();
                lastHeartbeat = nowMillis;
                reportedMissed = 0;
            }
            default -> { } // multitransport requests are declined by not answering (no UDP transport)
        }
        return new Result(replies, List.of());
    }

    private void onAutoDetect(AutoDetectRequest request, long now, List<MessageChannelPdu> replies) {
        switch (request) {
            case AutoDetectRequest.RttRequest rtt -> replies.add(new AutoDetectResponsePdu(AutoDetectResponse.RttResponse.answering(rtt)));
            case AutoDetectRequest.BandwidthStart start -> {
                bandwidthSequence = start.sequenceNumber();
                bandwidthStart = now;
                byteCount = 0;
            }
            case AutoDetectRequest.BandwidthPayload payload -> {
                if (bandwidthSequence == null) {
                    throw RdpException.malformed(AutoDetectRequest.PDU, "requestType", "Bandwidth Measure Payload without a Start");
                }
                byteCount += payload.payload().readableBytes();
            }
            case AutoDetectRequest.BandwidthStop stop -> {
                if (bandwidthSequence == null) {
                    throw RdpException.malformed(AutoDetectRequest.PDU, "requestType", "Bandwidth Measure Stop without a Start");
                }
                byteCount += stop.payload().readableBytes();
                int type = stop.requestType() == AutoDetectRequest.BW_STOP_CONNECT_TIME
                        ? AutoDetectResponse.BW_RESULTS_CONNECT_TIME : AutoDetectResponse.BW_RESULTS_CONTINUOUS;
                long elapsed = Math.max(0, now - bandwidthStart);
                replies.add(new AutoDetectResponsePdu(new AutoDetectResponse.BandwidthResults(stop.sequenceNumber(), type,
                        (int) Math.min(Integer.MAX_VALUE, elapsed), (int) Math.min(0xFFFFFFFFL, byteCount))));
                bandwidthSequence = null;
            }
            case AutoDetectRequest.NetworkCharacteristicsResult result -> networkCharacteristics = result;
        }
    }

    /** The server's last Network Characteristics Result (2.2.14.1.5), or null. */
    public AutoDetectRequest.NetworkCharacteristicsResult networkCharacteristics() {
        return networkCharacteristics;
    }

    /** Whether the server sent a Heartbeat PDU with a non-zero period (the driver should then tick). */
    public boolean heartbeatActive() {
        return period > 0;
    }

    /** The heartbeat period in milliseconds, 0 when the server sent none (or disabled them). */
    public long heartbeatPeriodMillis() {
        return period * 1000L;
    }

    /** Checks the heartbeat watch at {@code nowMillis}. */
    public List<SessionEvent> onTick(long nowMillis) {
        if (period == 0) {
            return List.of();
        }
        long missed = (nowMillis - lastHeartbeat) / heartbeatPeriodMillis();
        if (missed < Math.max(1, count1) || missed <= reportedMissed) {
            return List.of();
        }
        reportedMissed = (int) Math.min(Integer.MAX_VALUE, missed);
        return List.of(new SessionEvent.HeartbeatMissed(reportedMissed, count2 > 0 && missed >= count2));
    }
}
