package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.14.2 client-to-server network characteristics responses: headerLength, headerTypeId
 * (TYPE_ID_AUTODETECT_RESPONSE), sequenceNumber, responseType and the response's fields.
 */
public sealed interface AutoDetectResponse {

    String PDU = "RDP auto-detect response";
    int TYPE_ID_AUTODETECT_RESPONSE = 0x01;

    int RTT_RESPONSE = 0x0000;
    int BW_RESULTS_CONNECT_TIME = 0x0003;
    int BW_RESULTS_CONTINUOUS = 0x000B;
    int NETCHAR_SYNC = 0x0018;

    int sequenceNumber();

    int size();

    void encode(ByteBuf out);

    private static void header(ByteBuf out, int headerLength, int sequenceNumber, int responseType) {
        out.writeByte(headerLength);
        out.writeByte(TYPE_ID_AUTODETECT_RESPONSE);
        out.writeShortLE(sequenceNumber);
        out.writeShortLE(responseType);
    }

    /** MS-RDPBCGR 2.2.14.2.1 RTT Measure Response (RDP_RTT_RESPONSE). */
    record RttResponse(int sequenceNumber) implements AutoDetectResponse {
        public RttResponse {
            Wire.requireUnsigned(sequenceNumber, 16, PDU, "sequenceNumber");
        }

        /** The response to {@code request}, echoing its sequence number; send it at once. */
        public static RttResponse answering(AutoDetectRequest.RttRequest request) {
            return new RttResponse(request.sequenceNumber());
        }

        public int size() {
            return 6;
        }

        public void encode(ByteBuf out) {
            header(out, 6, sequenceNumber, RTT_RESPONSE);
        }
    }

    /**
     * MS-RDPBCGR 2.2.14.2.2 Bandwidth Measure Results (RDP_BW_RESULTS): the milliseconds between the
     * start and stop messages (measured by the caller) and the payload bytes received in between.
     */
    record BandwidthResults(int sequenceNumber, int responseType, int timeDelta, int byteCount)
            implements AutoDetectResponse {
        public BandwidthResults {
            Wire.requireUnsigned(sequenceNumber, 16, PDU, "sequenceNumber");
            if (responseType != BW_RESULTS_CONNECT_TIME && responseType != BW_RESULTS_CONTINUOUS) {
                throw RdpException.argument(PDU, "responseType", "0x" + Integer.toHexString(responseType) + " is not a bandwidth result");
            }
        }

        public int size() {
            return 14;
        }

        public void encode(ByteBuf out) {
            header(out, 14, sequenceNumber, responseType);
            out.writeIntLE(timeDelta);
            out.writeIntLE(byteCount);
        }
    }

    /** MS-RDPBCGR 2.2.14.2.3 Network Characteristics Sync (RDP_NETCHAR_SYNC): previously measured values on reconnect. */
    record NetworkCharacteristicsSync(int sequenceNumber, int bandwidth, int rtt) implements AutoDetectResponse {
        public NetworkCharacteristicsSync {
            Wire.requireUnsigned(sequenceNumber, 16, PDU, "sequenceNumber");
        }

        public int size() {
            return 14;
        }

        public void encode(ByteBuf out) {
            header(out, 14, sequenceNumber, NETCHAR_SYNC);
            out.writeIntLE(bandwidth);
            out.writeIntLE(rtt);
        }
    }

    static AutoDetectResponse decode(ByteBuf in) {
        Wire.need(in, 6, PDU, "header");
        int headerLength = in.readUnsignedByte();
        int typeId = in.readUnsignedByte();
        if (typeId != TYPE_ID_AUTODETECT_RESPONSE) {
            throw RdpException.malformed(PDU, "headerTypeId", "is 0x" + Integer.toHexString(typeId) + ", expected 0x01");
        }
        int seq = in.readUnsignedShortLE();
        int type = in.readUnsignedShortLE();
        AutoDetectResponse response = switch (type) {
            case RTT_RESPONSE -> new RttResponse(seq);
            case BW_RESULTS_CONNECT_TIME, BW_RESULTS_CONTINUOUS -> {
                Wire.need(in, 8, PDU, "timeDelta/byteCount");
                yield new BandwidthResults(seq, type, in.readIntLE(), in.readIntLE());
            }
            case NETCHAR_SYNC -> {
                Wire.need(in, 8, PDU, "bandwidth/rtt");
                yield new NetworkCharacteristicsSync(seq, in.readIntLE(), in.readIntLE());
            }
            default -> throw RdpException.malformed(PDU, "responseType", "unknown response 0x" + Integer.toHexString(type));
        };
        if (headerLength != response.size()) {
            throw RdpException.malformed(PDU, "headerLength", headerLength + " does not match responseType 0x"
                    + Integer.toHexString(type));
        }
        return response;
    }
}
