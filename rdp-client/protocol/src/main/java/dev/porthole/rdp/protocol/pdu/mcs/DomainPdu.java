package dev.porthole.rdp.protocol.pdu.mcs;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.per.Per;
import dev.porthole.rdp.protocol.pdu.x224.DataTpdu;
import io.netty.buffer.ByteBuf;

/**
 * T.125 MCS domain PDUs used by RDP (MS-RDPBCGR 2.2.1.5–2.2.1.9 and the Send Data PDUs that carry
 * every later slow-path PDU), PER encoded inside a TPKT + X.224 Data TPDU. Each record's
 * {@code encode} writes the whole packet.
 */
public sealed interface DomainPdu {

    /** T.125 DomainMCSPDU CHOICE indexes (the first byte holds index &lt;&lt; 2). */
    int ERECT_DOMAIN_REQUEST = 1;
    int DISCONNECT_PROVIDER_ULTIMATUM = 8;
    int ATTACH_USER_REQUEST = 10;
    int ATTACH_USER_CONFIRM = 11;
    int CHANNEL_JOIN_REQUEST = 14;
    int CHANNEL_JOIN_CONFIRM = 15;
    int SEND_DATA_REQUEST = 25;
    int SEND_DATA_INDICATION = 26;

    /** Channel and user ids are PER-encoded relative to this base (T.125 UserId). */
    int USER_ID_BASE = 1001;

    String PDU = "MCS DomainMCSPDU";

    int size();

    void encode(ByteBuf out);

    /**
     * Decodes one whole packet. For Send Data PDUs, {@link SendData#userData()} is a slice of
     * {@code packet} (not retained): it is valid as long as the packet is.
     */
    static DomainPdu decode(ByteBuf packet) {
        ByteBuf in = DataTpdu.readPayload(packet);
        Wire.need(in, 1, PDU, "choice");
        int first = in.readUnsignedByte();
        int choice = first >>> 2;
        DomainPdu pdu = switch (choice) {
            case ERECT_DOMAIN_REQUEST -> {
                long h = Per.readInteger(in, PDU, "subHeight");
                long i = Per.readInteger(in, PDU, "subInterval");
                yield new ErectDomainRequest((int) h, (int) i);
            }
            case DISCONNECT_PROVIDER_ULTIMATUM -> {
                Wire.need(in, 1, PDU, "reason");
                int reason = ((first & 0x03) << 1) | (in.readUnsignedByte() >>> 7);
                yield new DisconnectProviderUltimatum(reason);
            }
            case ATTACH_USER_REQUEST -> new AttachUserRequest();
            case ATTACH_USER_CONFIRM -> {
                Wire.need(in, 1, PDU, "result");
                int result = in.readUnsignedByte();
                Integer initiator = null;
                if ((first & 0x02) != 0) {
                    initiator = Per.readInteger16(in, USER_ID_BASE, PDU, "initiator");
                }
                yield new AttachUserConfirm(result, initiator);
            }
            case CHANNEL_JOIN_REQUEST -> new ChannelJoinRequest(
                    Per.readInteger16(in, USER_ID_BASE, PDU, "initiator"), Per.readInteger16(in, 0, PDU, "channelId"));
            case CHANNEL_JOIN_CONFIRM -> {
                Wire.need(in, 1, PDU, "result");
                int result = in.readUnsignedByte();
                int initiator = Per.readInteger16(in, USER_ID_BASE, PDU, "initiator");
                int requested = Per.readInteger16(in, 0, PDU, "requested");
                Integer channelId = (first & 0x02) != 0 ? Per.readInteger16(in, 0, PDU, "channelId") : null;
                yield new ChannelJoinConfirm(result, initiator, requested, channelId);
            }
            case SEND_DATA_REQUEST, SEND_DATA_INDICATION -> {
                int initiator = Per.readInteger16(in, USER_ID_BASE, PDU, "initiator");
                int channelId = Per.readInteger16(in, 0, PDU, "channelId");
                Wire.need(in, 1, PDU, "dataPriority");
                in.skipBytes(1); // dataPriority and segmentation (always high priority, begin|end in RDP)
                int length = Per.readLength(in, PDU, "userData");
                Wire.need(in, length, PDU, "userData");
                ByteBuf data = in.readSlice(length);
                yield choice == SEND_DATA_REQUEST ? new SendDataRequest(initiator, channelId, data)
                        : new SendDataIndication(initiator, channelId, data);
            }
            default -> throw RdpException.malformed(PDU, "choice", "unsupported DomainMCSPDU " + choice);
        };
        if (in.isReadable()) {
            throw RdpException.malformed(PDU, "packet", in.readableBytes() + " trailing bytes after " + pdu.getClass().getSimpleName());
        }
        return pdu;
    }

    /** MS-RDPBCGR 2.2.1.5 Client MCS Erect Domain Request PDU. */
    record ErectDomainRequest(int subHeight, int subInterval) implements DomainPdu {
        public int size() {
            return DataTpdu.OVERHEAD + 5;
        }

        public void encode(ByteBuf out) {
            DataTpdu.writeHeader(out, 5);
            out.writeByte(ERECT_DOMAIN_REQUEST << 2);
            out.writeByte(1).writeByte(subHeight);
            out.writeByte(1).writeByte(subInterval);
        }
    }

    /** MS-RDPBCGR 2.2.1.6 Client MCS Attach User Request PDU. */
    record AttachUserRequest() implements DomainPdu {
        public int size() {
            return DataTpdu.OVERHEAD + 1;
        }

        public void encode(ByteBuf out) {
            DataTpdu.writeHeader(out, 1);
            out.writeByte(ATTACH_USER_REQUEST << 2);
        }
    }

    /**
     * MS-RDPBCGR 2.2.1.7 Server MCS Attach User Confirm PDU.
     *
     * @param initiator the user channel id assigned to this client, or {@code null} when refused
     */
    record AttachUserConfirm(int result, Integer initiator) implements DomainPdu {
        public int size() {
            return DataTpdu.OVERHEAD + 2 + (initiator == null ? 0 : 2);
        }

        public void encode(ByteBuf out) {
            DataTpdu.writeHeader(out, size() - DataTpdu.OVERHEAD);
            out.writeByte((ATTACH_USER_CONFIRM << 2) | (initiator == null ? 0 : 2));
            out.writeByte(result);
            if (initiator != null) {
                Per.writeInteger16(out, initiator, USER_ID_BASE);
            }
        }
    }

    /** MS-RDPBCGR 2.2.1.8 Client MCS Channel Join Request PDU. */
    record ChannelJoinRequest(int initiator, int channelId) implements DomainPdu {
        public int size() {
            return DataTpdu.OVERHEAD + 5;
        }

        public void encode(ByteBuf out) {
            DataTpdu.writeHeader(out, 5);
            out.writeByte(CHANNEL_JOIN_REQUEST << 2);
            Per.writeInteger16(out, initiator, USER_ID_BASE);
            Per.writeInteger16(out, channelId, 0);
        }
    }

    /** MS-RDPBCGR 2.2.1.9 Server MCS Channel Join Confirm PDU. */
    record ChannelJoinConfirm(int result, int initiator, int requested, Integer channelId) implements DomainPdu {
        public int size() {
            return DataTpdu.OVERHEAD + 6 + (channelId == null ? 0 : 2);
        }

        public void encode(ByteBuf out) {
            DataTpdu.writeHeader(out, size() - DataTpdu.OVERHEAD);
            out.writeByte((CHANNEL_JOIN_CONFIRM << 2) | (channelId == null ? 0 : 2));
            out.writeByte(result);
            Per.writeInteger16(out, initiator, USER_ID_BASE);
            Per.writeInteger16(out, requested, 0);
            if (channelId != null) {
                Per.writeInteger16(out, channelId, 0);
            }
        }
    }

    /** T.125 Disconnect Provider Ultimatum (MS-RDPBCGR 2.2.2.3); reason 3 = rn-user-requested. */
    record DisconnectProviderUltimatum(int reason) implements DomainPdu {
        public static final int RN_USER_REQUESTED = 3;

        public int size() {
            return DataTpdu.OVERHEAD + 2;
        }

        public void encode(ByteBuf out) {
            DataTpdu.writeHeader(out, 2);
            out.writeByte((DISCONNECT_PROVIDER_ULTIMATUM << 2) | (reason >>> 1));
            out.writeByte((reason & 1) << 7);
        }
    }

    /** The two Send Data PDUs share one layout. */
    sealed interface SendData extends DomainPdu permits SendDataRequest, SendDataIndication {
        int initiator();

        int channelId();

        ByteBuf userData();

        default int sendDataSize() {
            return DataTpdu.OVERHEAD + 6 + Per.lengthSize(userData().readableBytes()) + userData().readableBytes();
        }

        default void encodeSendData(ByteBuf out, int choice) {
            int n = userData().readableBytes();
            DataTpdu.writeHeader(out, 6 + Per.lengthSize(n) + n);
            out.writeByte(choice << 2);
            Per.writeInteger16(out, initiator(), USER_ID_BASE);
            Per.writeInteger16(out, channelId(), 0);
            out.writeByte(0x70); // high priority, segmentation begin | end
            Per.writeLength(out, n);
            out.writeBytes(userData(), userData().readerIndex(), n);
        }
    }

    /** T.125 Send Data Request: client to server, the envelope of every client slow-path PDU. */
    record SendDataRequest(int initiator, int channelId, ByteBuf userData) implements SendData {
        public int size() {
            return sendDataSize();
        }

        public void encode(ByteBuf out) {
            encodeSendData(out, SEND_DATA_REQUEST);
        }
    }

    /** T.125 Send Data Indication: server to client. */
    record SendDataIndication(int initiator, int channelId, ByteBuf userData) implements SendData {
        public int size() {
            return sendDataSize();
        }

        public void encode(ByteBuf out) {
            encodeSendData(out, SEND_DATA_INDICATION);
        }
    }
}
