package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.14.1 server-to-client network characteristics requests. Each starts with headerLength,
 * headerTypeId (TYPE_ID_AUTODETECT_REQUEST), sequenceNumber and requestType; the requestType says which
 * message it is and where it was sent (connect time or later). The client answers an RTT request at once
 * ({@link AutoDetectResponse.RttResponse#answering}), counts the bytes of bandwidth payloads between start
 * and stop and reports them ({@link AutoDetectResponse.BandwidthResults}); time is measured by the caller.
 */
public sealed interface AutoDetectRequest {

    String PDU = "RDP auto-detect request";
    int TYPE_ID_AUTODETECT_REQUEST = 0x00;

    int RTT_REQUEST_CONTINUOUS = 0x0001;
    int RTT_REQUEST_CONNECT_TIME = 0x1001;
    int BW_START_RELIABLE_UDP = 0x0014;
    int BW_START_LOSSY_UDP = 0x0114;
    int BW_START_CONNECT_TIME = 0x1014;
    int BW_PAYLOAD = 0x0002;
    int BW_STOP_CONNECT_TIME = 0x002B;
    int BW_STOP_RELIABLE_UDP = 0x0429;
    int BW_STOP_LOSSY_UDP = 0x0629;
    int NETCHAR_RESULT_BASE_RTT_AVERAGE_RTT = 0x0840;
    int NETCHAR_RESULT_BANDWIDTH_AVERAGE_RTT = 0x0880;
    int NETCHAR_RESULT_ALL = 0x08C0;

    int sequenceNumber();

    int requestType();

    int size();

    void encode(ByteBuf out);

    private static void header(ByteBuf out, int headerLength, int sequenceNumber, int requestType) {
        out.writeByte(headerLength);
        out.writeByte(TYPE_ID_AUTODETECT_REQUEST);
        out.writeShortLE(sequenceNumber);
        out.writeShortLE(requestType);
    }

    /** MS-RDPBCGR 2.2.14.1.1 RTT Measure Request (RDP_RTT_REQUEST). */
    record RttRequest(int sequenceNumber, int requestType) implements AutoDetectRequest {
        public RttRequest {
            Wire.requireUnsigned(sequenceNumber, 16, PDU, "sequenceNumber");
            if (requestType != RTT_REQUEST_CONTINUOUS && requestType != RTT_REQUEST_CONNECT_TIME) {
                throw RdpException.argument(PDU, "requestType", "0x" + Integer.toHexString(requestType) + " is not an RTT request");
            }
        }

        public int size() {
            return 6;
        }

        public void encode(ByteBuf out) {
            header(out, 6, sequenceNumber, requestType);
        }
    }

    /** MS-RDPBCGR 2.2.14.1.2 Bandwidth Measure Start (RDP_BW_START). */
    record BandwidthStart(int sequenceNumber, int requestType) implements AutoDetectRequest {
        public BandwidthStart {
            Wire.requireUnsigned(sequenceNumber, 16, PDU, "sequenceNumber");
            if (requestType != BW_START_RELIABLE_UDP && requestType != BW_START_LOSSY_UDP && requestType != BW_START_CONNECT_TIME) {
                throw RdpException.argument(PDU, "requestType", "0x" + Integer.toHexString(requestType) + " is not a bandwidth start");
            }
        }

        public int size() {
            return 6;
        }

        public void encode(ByteBuf out) {
            header(out, 6, sequenceNumber, requestType);
        }
    }

    /** MS-RDPBCGR 2.2.14.1.3 Bandwidth Measure Payload (RDP_BW_PAYLOAD): random bytes to be counted; a slice. */
    record BandwidthPayload(int sequenceNumber, ByteBuf payload) implements AutoDetectRequest {
        public BandwidthPayload {
            Wire.requireUnsigned(sequenceNumber, 16, PDU, "sequenceNumber");
            Wire.requireUnsigned(payload.readableBytes(), 16, PDU, "payloadLength");
        }

        public int requestType() {
            return BW_PAYLOAD;
        }

        public int size() {
            return 8 + payload.readableBytes();
        }

        public void encode(ByteBuf out) {
            header(out, 8, sequenceNumber, BW_PAYLOAD);
            out.writeShortLE(payload.readableBytes());
            out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
        }
    }

    /**
     * MS-RDPBCGR 2.2.14.1.4 Bandwidth Measure Stop (RDP_BW_STOP). At connect time (0x002B) it carries a
     * payload of its own that counts toward the byte total; otherwise {@code payload} is empty.
     */
    record BandwidthStop(int sequenceNumber, int requestType, ByteBuf payload) implements AutoDetectRequest {
        public BandwidthStop {
            Wire.requireUnsigned(sequenceNumber, 16, PDU, "sequenceNumber");
            if (requestType != BW_STOP_CONNECT_TIME && requestType != BW_STOP_RELIABLE_UDP && requestType != BW_STOP_LOSSY_UDP) {
                throw RdpException.argument(PDU, "requestType", "0x" + Integer.toHexString(requestType) + " is not a bandwidth stop");
            }
            if (payload == null) {
                throw RdpException.argument(PDU, "payload", "is null");
            }
            if (requestType != BW_STOP_CONNECT_TIME && payload.isReadable()) {
                throw RdpException.argument(PDU, "payloadLength", "only the connect-time stop carries a payload");
            }
            Wire.requireUnsigned(payload.readableBytes(), 16, PDU, "payloadLength");
        }

        public int size() {
            return requestType == BW_STOP_CONNECT_TIME ? 8 + payload.readableBytes() : 6;
        }

        public void encode(ByteBuf out) {
            if (requestType == BW_STOP_CONNECT_TIME) {
                header(out, 8, sequenceNumber, requestType);
                out.writeShortLE(payload.readableBytes());
                out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
            } else {
                header(out, 6, sequenceNumber, requestType);
            }
        }
    }

    /**
     * MS-RDPBCGR 2.2.14.1.5 Network Characteristics Result (RDP_NETCHAR_RESULTS): what the server
     * measured; which of baseRTT, bandwidth (kbit/s) and averageRTT are present depends on the requestType.
     */
    record NetworkCharacteristicsResult(int sequenceNumber, int requestType, Integer baseRtt, Integer bandwidth,
                                        int averageRtt) implements AutoDetectRequest {
        public NetworkCharacteristicsResult {
            Wire.requireUnsigned(sequenceNumber, 16, PDU, "sequenceNumber");
            boolean base = requestType == NETCHAR_RESULT_BASE_RTT_AVERAGE_RTT || requestType == NETCHAR_RESULT_ALL;
            boolean bw = requestType == NETCHAR_RESULT_BANDWIDTH_AVERAGE_RTT || requestType == NETCHAR_RESULT_ALL;
            if (!base && !bw) {
                throw RdpException.argument(PDU, "requestType", "0x" + Integer.toHexString(requestType) + " is not a result");
            }
            if (base != (baseRtt != null) || bw != (bandwidth != null)) {
                throw RdpException.argument(PDU, "baseRTT/bandwidth", "must be present exactly as requestType says");
            }
        }

        public int size() {
            return 6 + 4 + (baseRtt != null ? 4 : 0) + (bandwidth != null ? 4 : 0);
        }

        public void encode(ByteBuf out) {
            header(out, size(), sequenceNumber, requestType);
            if (baseRtt != null) {
                out.writeIntLE(baseRtt);
            }
            if (bandwidth != null) {
                out.writeIntLE(bandwidth);
            }
            out.writeIntLE(averageRtt);
        }
    }

    /** Decodes one request; {@code in} holds exactly the message (payloads are slices of it). */
    static AutoDetectRequest decode(ByteBuf in) {
        Wire.need(in, 6, PDU, "header");
        int headerLength = in.readUnsignedByte();
        int typeId = in.readUnsignedByte();
        if (typeId != TYPE_ID_AUTODETECT_REQUEST) {
            throw RdpException.malformed(PDU, "headerTypeId", "is 0x" + Integer.toHexString(typeId) + ", expected 0x00");
        }
        int seq = in.readUnsignedShortLE();
        int type = in.readUnsignedShortLE();
        AutoDetectRequest request = switch (type) {
            case RTT_REQUEST_CONTINUOUS, RTT_REQUEST_CONNECT_TIME -> new RttRequest(seq, type);
            case BW_START_RELIABLE_UDP, BW_START_LOSSY_UDP, BW_START_CONNECT_TIME -> new BandwidthStart(seq, type);
            case BW_PAYLOAD -> new BandwidthPayload(seq, payload(in));
            case BW_STOP_CONNECT_TIME -> new BandwidthStop(seq, type, payload(in));
            case BW_STOP_RELIABLE_UDP, BW_STOP_LOSSY_UDP -> new BandwidthStop(seq, type, in.readSlice(0));
            case NETCHAR_RESULT_BASE_RTT_AVERAGE_RTT, NETCHAR_RESULT_BANDWIDTH_AVERAGE_RTT, NETCHAR_RESULT_ALL -> {
                int fields = type == NETCHAR_RESULT_ALL ? 3 : 2;
                Wire.need(in, 4 * fields, PDU, "network characteristics");
                Integer base = type != NETCHAR_RESULT_BANDWIDTH_AVERAGE_RTT ? in.readIntLE() : null;
                Integer bw = type != NETCHAR_RESULT_BASE_RTT_AVERAGE_RTT ? in.readIntLE() : null;
                yield new NetworkCharacteristicsResult(seq, type, base, bw, in.readIntLE());
            }
            default -> throw RdpException.malformed(PDU, "requestType", "unknown request 0x" + Integer.toHexString(type));
        };
        int expected = switch (request) {
            case BandwidthPayload p -> 8;
            case BandwidthStop s when s.requestType() == BW_STOP_CONNECT_TIME -> 8;
            default -> request.size();
        };
        if (headerLength != expected) {
            throw RdpException.malformed(PDU, "headerLength", headerLength + " does not match requestType 0x"
                    + Integer.toHexString(type));
        }
        return request;
    }

    private static ByteBuf payload(ByteBuf in) {
        Wire.need(in, 2, PDU, "payloadLength");
        int length = in.readUnsignedShortLE();
        Wire.need(in, length, PDU, "payload");
        return in.readSlice(length);
    }
}
