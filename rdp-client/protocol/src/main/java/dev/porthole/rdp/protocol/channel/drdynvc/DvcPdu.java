package dev.porthole.rdp.protocol.channel.drdynvc;

import static dev.porthole.rdp.protocol.channel.drdynvc.DvcHeader.CMD_CAPABILITIES;
import static dev.porthole.rdp.protocol.channel.drdynvc.DvcHeader.CMD_CLOSE;
import static dev.porthole.rdp.protocol.channel.drdynvc.DvcHeader.CMD_CREATE;
import static dev.porthole.rdp.protocol.channel.drdynvc.DvcHeader.CMD_DATA;
import static dev.porthole.rdp.protocol.channel.drdynvc.DvcHeader.CMD_DATA_COMPRESSED;
import static dev.porthole.rdp.protocol.channel.drdynvc.DvcHeader.CMD_DATA_FIRST;
import static dev.porthole.rdp.protocol.channel.drdynvc.DvcHeader.CMD_DATA_FIRST_COMPRESSED;
import static dev.porthole.rdp.protocol.channel.drdynvc.DvcHeader.CMD_SOFT_SYNC_REQUEST;
import static dev.porthole.rdp.protocol.channel.drdynvc.DvcHeader.CMD_SOFT_SYNC_RESPONSE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPEDYC 2.2 PDUs of the DRDYNVC static virtual channel. One PDU is one whole static-channel
 * message (the channel layer has already reassembled its chunks). Create (0x01) and Capabilities
 * (0x05) mean different PDUs in each direction, so there is one decoder per direction:
 * {@link #decodeFromServer} for what a client receives and {@link #decodeFromClient} for what a
 * server receives. Data payloads are slices of the input buffer (not retained): valid as long as it is.
 *
 * <p>Decoders accept data PDUs longer than the 1,600-byte protocol maximum (the limit binds the
 * sender); {@link DynamicChannelManager} never sends one.
 */
public sealed interface DvcPdu {

    /** MS-RDPEDYC 2.2.3: the largest PDU a DVC manager sends. */
    int MAX_PDU_SIZE = 1600;

    /** MS-RDPEDYC 2.2.3.2: a message of at most this many bytes goes in a single DYNVC_DATA. */
    int MAX_SINGLE_DATA = 1590;

    /** MS-DTYP MAX_PATH: the longest listener name accepted (without the terminating NUL). */
    int MAX_CHANNEL_NAME = 259;

    int size();

    void encode(ByteBuf out);

    /** Decodes one whole PDU sent by a DVC server manager (what the client receives). */
    static DvcPdu decodeFromServer(ByteBuf in) {
        return decode(in, true);
    }

    /** Decodes one whole PDU sent by a DVC client manager (what the server receives). */
    static DvcPdu decodeFromClient(ByteBuf in) {
        return decode(in, false);
    }

    private static DvcPdu decode(ByteBuf in, boolean fromServer) {
        Wire.need(in, 1, "DRDYNVC", "header");
        int header = in.readUnsignedByte();
        int cmd = DvcHeader.cmd(header);
        int sp = DvcHeader.sp(header);
        int cbId = DvcHeader.cbId(header);
        DvcPdu pdu = switch (cmd) {
            case CMD_CAPABILITIES -> fromServer ? CapabilitiesRequest.decodeBody(in, sp) : CapabilitiesResponse.decodeBody(in);
            case CMD_CREATE -> fromServer ? CreateRequest.decodeBody(in, sp, cbId) : CreateResponse.decodeBody(in, cbId);
            case CMD_DATA_FIRST -> {
                long id = DvcHeader.readVar(in, cbId, DataFirst.PDU, "ChannelId");
                long length = DvcHeader.readVar(in, sp, DataFirst.PDU, "Length");
                ByteBuf data = in.readSlice(in.readableBytes());
                yield Wire.decoded(() -> new DataFirst(id, length, data));
            }
            case CMD_DATA -> {
                long id = DvcHeader.readVar(in, cbId, Data.PDU, "ChannelId");
                yield new Data(sp, id, in.readSlice(in.readableBytes()));
            }
            case CMD_DATA_FIRST_COMPRESSED -> {
                long id = DvcHeader.readVar(in, cbId, DataFirstCompressed.PDU, "ChannelId");
                long length = DvcHeader.readVar(in, sp, DataFirstCompressed.PDU, "Length");
                ByteBuf data = in.readSlice(in.readableBytes());
                yield Wire.decoded(() -> new DataFirstCompressed(id, length, data));
            }
            case CMD_DATA_COMPRESSED -> {
                long id = DvcHeader.readVar(in, cbId, DataCompressed.PDU, "ChannelId");
                ByteBuf data = in.readSlice(in.readableBytes());
                yield Wire.decoded(() -> new DataCompressed(id, data));
            }
            case CMD_CLOSE -> new Close(DvcHeader.readVar(in, cbId, Close.PDU, "ChannelId"));
            case CMD_SOFT_SYNC_REQUEST -> SoftSyncRequest.decodeBody(in);
            case CMD_SOFT_SYNC_RESPONSE -> SoftSyncResponse.decodeBody(in);
            default -> throw RdpException.malformed("DRDYNVC", "Cmd", "unknown command 0x" + Integer.toHexString(cmd));
        };
        if (in.isReadable()) {
            throw RdpException.malformed("DRDYNVC", "pdu", in.readableBytes() + " trailing bytes after "
                    + pdu.getClass().getSimpleName());
        }
        return pdu;
    }

    /**
     * The PriorityCharge0..3 fields of the version 2 and 3 capabilities (MS-RDPEDYC 2.2.1.1.2): the
     * bandwidth share of each priority class; 0 means "send immediately".
     */
    record PriorityCharges(int charge0, int charge1, int charge2, int charge3) {
        public PriorityCharges {
            Wire.requireUnsigned(charge0, 16, "DYNVC_CAPS_VERSION2", "PriorityCharge0");
            Wire.requireUnsigned(charge1, 16, "DYNVC_CAPS_VERSION2", "PriorityCharge1");
            Wire.requireUnsigned(charge2, 16, "DYNVC_CAPS_VERSION2", "PriorityCharge2");
            Wire.requireUnsigned(charge3, 16, "DYNVC_CAPS_VERSION2", "PriorityCharge3");
        }

        /** The charge of priority class {@code pri} (0..3). */
        public int charge(int pri) {
            return switch (pri) {
                case 0 -> charge0;
                case 1 -> charge1;
                case 2 -> charge2;
                case 3 -> charge3;
                default -> throw new IllegalArgumentException("priority class " + pri);
            };
        }

        /**
         * The bandwidth fraction of class {@code pri} by the 2.2.1.1.2 formula, over the classes with
         * a non-zero charge; 0 for a zero charge (such data is sent immediately).
         */
        public double bandwidthShare(int pri) {
            int c = charge(pri);
            if (c == 0) {
                return 0;
            }
            double inverseSum = 0;
            for (int i = 0; i < 4; i++) {
                if (charge(i) != 0) {
                    inverseSum += 1.0 / charge(i);
                }
            }
            return (1.0 / c) / inverseSum;
        }
    }

    /**
     * MS-RDPEDYC 2.2.1.1 DVC Capabilities Request PDU, versions 1 (DYNVC_CAPS_VERSION1), 2 and 3
     * (DYNVC_CAPS_VERSION2/3, with priority charges). Server to client.
     *
     * @param sp      the unused Sp bits (Windows leaves them random; kept so PDUs re-encode byte for byte)
     * @param version 1, 2 or 3
     * @param charges the priority charges for versions 2 and 3; {@code null} for version 1
     */
    record CapabilitiesRequest(int sp, int version, PriorityCharges charges) implements DvcPdu {
        static final String PDU = "DYNVC_CAPS_VERSION";

        public CapabilitiesRequest {
            Wire.requireUnsigned(sp, 2, PDU, "Sp");
            if (version < 1 || version > 3) {
                throw RdpException.argument(PDU, "Version", version + " is not 1, 2 or 3");
            }
            if ((version == 1) != (charges == null)) {
                throw RdpException.argument(PDU, "PriorityCharges", version == 1
                        ? "version 1 has no priority charges" : "version " + version + " needs priority charges");
            }
        }

        /** A request without the Sp bits set. */
        public CapabilitiesRequest(int version, PriorityCharges charges) {
            this(0, version, charges);
        }

        static CapabilitiesRequest decodeBody(ByteBuf in, int sp) {
            Wire.need(in, 3, PDU, "Version");
            in.skipBytes(1); // Pad
            int version = in.readUnsignedShortLE();
            if (version < 1 || version > 3) {
                throw RdpException.malformed(PDU, "Version", version + " is not 1, 2 or 3");
            }
            PriorityCharges charges = null;
            if (version >= 2) {
                Wire.need(in, 8, PDU + version, "PriorityCharges");
                charges = new PriorityCharges(in.readUnsignedShortLE(), in.readUnsignedShortLE(),
                        in.readUnsignedShortLE(), in.readUnsignedShortLE());
            }
            PriorityCharges c = charges;
            return Wire.decoded(() -> new CapabilitiesRequest(sp, version, c));
        }

        @Override
        public int size() {
            return version == 1 ? 4 : 12;
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(DvcHeader.header(CMD_CAPABILITIES, sp, 0));
            out.writeByte(0); // Pad
            out.writeShortLE(version);
            if (charges != null) {
                out.writeShortLE(charges.charge0());
                out.writeShortLE(charges.charge1());
                out.writeShortLE(charges.charge2());
                out.writeShortLE(charges.charge3());
            }
        }
    }

    /** MS-RDPEDYC 2.2.1.2 DVC Capabilities Response PDU (DYNVC_CAPS_RSP). Client to server. */
    record CapabilitiesResponse(int version) implements DvcPdu {
        static final String PDU = "DYNVC_CAPS_RSP";

        public CapabilitiesResponse {
            if (version < 1 || version > 3) {
                throw RdpException.argument(PDU, "Version", version + " is not 1, 2 or 3");
            }
        }

        static CapabilitiesResponse decodeBody(ByteBuf in) {
            Wire.need(in, 3, PDU, "Version");
            in.skipBytes(1);
            int version = in.readUnsignedShortLE();
            return Wire.decoded(() -> new CapabilitiesResponse(version));
        }

        @Override
        public int size() {
            return 4;
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(DvcHeader.header(CMD_CAPABILITIES, 0, 0));
            out.writeByte(0);
            out.writeShortLE(version);
        }
    }

    /**
     * MS-RDPEDYC 2.2.2.1 DVC Create Request PDU (DYNVC_CREATE_REQ). Server to client.
     *
     * @param priority    the priority class (Pri, 0..3; meaningful from version 2)
     * @param channelId   the server-chosen channel id (unsigned 32-bit)
     * @param channelName the listener name, ANSI, 1..259 characters without NUL
     */
    record CreateRequest(int priority, long channelId, String channelName) implements DvcPdu {
        static final String PDU = "DYNVC_CREATE_REQ";

        public CreateRequest {
            Wire.requireUnsigned(priority, 2, PDU, "Pri");
            DvcHeader.requireChannelId(channelId, PDU);
            if (channelName == null || channelName.isEmpty() || channelName.length() > MAX_CHANNEL_NAME) {
                throw RdpException.argument(PDU, "ChannelName", "must have 1 to " + MAX_CHANNEL_NAME + " characters");
            }
            for (int i = 0; i < channelName.length(); i++) {
                char c = channelName.charAt(i);
                if (c == 0 || c > 0xFF) {
                    throw RdpException.argument(PDU, "ChannelName", "character at " + i + " is not a non-NUL ANSI character");
                }
            }
        }

        static CreateRequest decodeBody(ByteBuf in, int pri, int cbId) {
            long id = DvcHeader.readVar(in, cbId, PDU, "ChannelId");
            int nul = in.bytesBefore((byte) 0);
            if (nul < 0) {
                throw RdpException.malformed(PDU, "ChannelName", "has no terminating NUL in " + in.readableBytes() + " bytes");
            }
            if (nul == 0 || nul > MAX_CHANNEL_NAME) {
                throw RdpException.malformed(PDU, "ChannelName", "length " + nul + " outside 1.." + MAX_CHANNEL_NAME);
            }
            String name = in.readCharSequence(nul, StandardCharsets.ISO_8859_1).toString();
            in.skipBytes(1);
            return Wire.decoded(() -> new CreateRequest(pri, id, name));
        }

        @Override
        public int size() {
            return 1 + DvcHeader.width(DvcHeader.sizeCode(channelId)) + channelName.length() + 1;
        }

        @Override
        public void encode(ByteBuf out) {
            int cb = DvcHeader.sizeCode(channelId);
            out.writeByte(DvcHeader.header(CMD_CREATE, priority, cb));
            DvcHeader.writeVar(out, cb, channelId);
            out.writeCharSequence(channelName, StandardCharsets.ISO_8859_1);
            out.writeByte(0);
        }
    }

    /**
     * MS-RDPEDYC 2.2.2.2 DVC Create Response PDU (DYNVC_CREATE_RSP). Client to server.
     *
     * @param creationStatus an HRESULT: zero or positive is success, negative is failure
     */
    record CreateResponse(long channelId, int creationStatus) implements DvcPdu {
        static final String PDU = "DYNVC_CREATE_RSP";

        /** S_OK. */
        public static final int S_OK = 0;
        /** E_FAIL (0x80004005): what this client answers when no listener has the name. */
        public static final int E_FAIL = 0x80004005;
        /** E_ACCESSDENIED (0x80070005): what this client answers when the listener refuses the channel. */
        public static final int E_ACCESSDENIED = 0x80070005;

        public CreateResponse {
            DvcHeader.requireChannelId(channelId, PDU);
        }

        static CreateResponse decodeBody(ByteBuf in, int cbId) {
            long id = DvcHeader.readVar(in, cbId, PDU, "ChannelId");
            Wire.need(in, 4, PDU, "CreationStatus");
            return new CreateResponse(id, in.readIntLE());
        }

        /** Whether the status is a success HRESULT. */
        public boolean succeeded() {
            return creationStatus >= 0;
        }

        @Override
        public int size() {
            return 1 + DvcHeader.width(DvcHeader.sizeCode(channelId)) + 4;
        }

        @Override
        public void encode(ByteBuf out) {
            int cb = DvcHeader.sizeCode(channelId);
            out.writeByte(DvcHeader.header(CMD_CREATE, 0, cb));
            DvcHeader.writeVar(out, cb, channelId);
            out.writeIntLE(creationStatus);
        }
    }

    /**
     * MS-RDPEDYC 2.2.3.1 DVC Data First PDU (DYNVC_DATA_FIRST): the first block of a fragmented
     * message and the message's total length.
     */
    record DataFirst(long channelId, long totalLength, ByteBuf data) implements DvcPdu {
        static final String PDU = "DYNVC_DATA_FIRST";

        public DataFirst {
            DvcHeader.requireChannelId(channelId, PDU);
            Wire.requireUnsigned(totalLength, 32, PDU, "Length");
            if (data.readableBytes() > totalLength) {
                throw RdpException.argument(PDU, "Data", data.readableBytes() + " bytes exceed Length " + totalLength);
            }
        }

        /** Header size for these field values. */
        static int headerSize(long channelId, long totalLength) {
            return 1 + DvcHeader.width(DvcHeader.sizeCode(channelId)) + DvcHeader.width(DvcHeader.sizeCode(totalLength));
        }

        @Override
        public int size() {
            return headerSize(channelId, totalLength) + data.readableBytes();
        }

        @Override
        public void encode(ByteBuf out) {
            int cb = DvcHeader.sizeCode(channelId);
            int len = DvcHeader.sizeCode(totalLength);
            out.writeByte(DvcHeader.header(CMD_DATA_FIRST, len, cb));
            DvcHeader.writeVar(out, cb, channelId);
            DvcHeader.writeVar(out, len, totalLength);
            out.writeBytes(data, data.readerIndex(), data.readableBytes());
        }
    }

    /**
     * MS-RDPEDYC 2.2.3.2 DVC Data PDU (DYNVC_DATA): a whole message of at most 1,590 bytes, or a
     * block following a Data First.
     *
     * @param sp the unused Sp bits (random in Windows; kept so PDUs re-encode byte for byte)
     */
    record Data(int sp, long channelId, ByteBuf data) implements DvcPdu {
        static final String PDU = "DYNVC_DATA";

        public Data {
            Wire.requireUnsigned(sp, 2, PDU, "Sp");
            DvcHeader.requireChannelId(channelId, PDU);
        }

        public Data(long channelId, ByteBuf data) {
            this(0, channelId, data);
        }

        static int headerSize(long channelId) {
            return 1 + DvcHeader.width(DvcHeader.sizeCode(channelId));
        }

        @Override
        public int size() {
            return headerSize(channelId) + data.readableBytes();
        }

        @Override
        public void encode(ByteBuf out) {
            int cb = DvcHeader.sizeCode(channelId);
            out.writeByte(DvcHeader.header(CMD_DATA, sp, cb));
            DvcHeader.writeVar(out, cb, channelId);
            out.writeBytes(data, data.readerIndex(), data.readableBytes());
        }
    }

    /**
     * MS-RDPEDYC 2.2.3.3 DVC Data First Compressed PDU (DYNVC_DATA_FIRST_COMPRESSED): like Data
     * First, with an RDP8-lite bulk-compressed block (version 3 only). {@code totalLength} is the
     * uncompressed length.
     */
    record DataFirstCompressed(long channelId, long totalLength, ByteBuf data) implements DvcPdu {
        static final String PDU = "DYNVC_DATA_FIRST_COMPRESSED";

        public DataFirstCompressed {
            DvcHeader.requireChannelId(channelId, PDU);
            Wire.requireUnsigned(totalLength, 32, PDU, "Length");
        }

        @Override
        public int size() {
            return DataFirst.headerSize(channelId, totalLength) + data.readableBytes();
        }

        @Override
        public void encode(ByteBuf out) {
            int cb = DvcHeader.sizeCode(channelId);
            int len = DvcHeader.sizeCode(totalLength);
            out.writeByte(DvcHeader.header(CMD_DATA_FIRST_COMPRESSED, len, cb));
            DvcHeader.writeVar(out, cb, channelId);
            DvcHeader.writeVar(out, len, totalLength);
            out.writeBytes(data, data.readerIndex(), data.readableBytes());
        }
    }

    /** MS-RDPEDYC 2.2.3.4 DVC Data Compressed PDU (DYNVC_DATA_COMPRESSED), version 3 only. */
    record DataCompressed(long channelId, ByteBuf data) implements DvcPdu {
        static final String PDU = "DYNVC_DATA_COMPRESSED";

        public DataCompressed {
            DvcHeader.requireChannelId(channelId, PDU);
        }

        @Override
        public int size() {
            return Data.headerSize(channelId) + data.readableBytes();
        }

        @Override
        public void encode(ByteBuf out) {
            int cb = DvcHeader.sizeCode(channelId);
            out.writeByte(DvcHeader.header(CMD_DATA_COMPRESSED, 0, cb));
            DvcHeader.writeVar(out, cb, channelId);
            out.writeBytes(data, data.readerIndex(), data.readableBytes());
        }
    }

    /** MS-RDPEDYC 2.2.4 Closing a DVC (DYNVC_CLOSE), request and response, both directions. */
    record Close(long channelId) implements DvcPdu {
        static final String PDU = "DYNVC_CLOSE";

        public Close {
            DvcHeader.requireChannelId(channelId, PDU);
        }

        @Override
        public int size() {
            return 1 + DvcHeader.width(DvcHeader.sizeCode(channelId));
        }

        @Override
        public void encode(ByteBuf out) {
            int cb = DvcHeader.sizeCode(channelId);
            out.writeByte(DvcHeader.header(CMD_CLOSE, 0, cb));
            DvcHeader.writeVar(out, cb, channelId);
        }
    }

    /** MS-RDPEDYC 2.2.5.1.1 Soft-Sync Channel List (DYNVC_SOFT_SYNC_CHANNEL_LIST). */
    record SoftSyncChannelList(long tunnelType, List<Long> channelIds) {
        public SoftSyncChannelList {
            Wire.requireUnsigned(tunnelType, 32, SoftSyncRequest.PDU, "TunnelType");
            channelIds = List.copyOf(channelIds);
            if (channelIds.size() > 0xFFFF) {
                throw RdpException.argument(SoftSyncRequest.PDU, "NumberOfDVCs", channelIds.size() + " exceeds 65535");
            }
            for (long id : channelIds) {
                Wire.requireUnsigned(id, 32, SoftSyncRequest.PDU, "ListOfDVCIds");
            }
        }

        int size() {
            return 6 + 4 * channelIds.size();
        }
    }

    /**
     * MS-RDPEDYC 2.2.5.1 Soft-Sync Request PDU (DYNVC_SOFT_SYNC_REQUEST). Server to client; this
     * client recognises it but keeps every DVC on the DRDYNVC static channel (no multitransport).
     */
    record SoftSyncRequest(int flags, int numberOfTunnels, List<SoftSyncChannelList> channelLists) implements DvcPdu {
        static final String PDU = "DYNVC_SOFT_SYNC_REQUEST";
        public static final int SOFT_SYNC_TCP_FLUSHED = 0x01;
        public static final int SOFT_SYNC_CHANNEL_LIST_PRESENT = 0x02;

        public SoftSyncRequest {
            Wire.requireUnsigned(flags, 16, PDU, "Flags");
            Wire.requireUnsigned(numberOfTunnels, 16, PDU, "NumberOfTunnels");
            channelLists = List.copyOf(channelLists);
            boolean present = (flags & SOFT_SYNC_CHANNEL_LIST_PRESENT) != 0;
            if (present ? channelLists.size() != numberOfTunnels : !channelLists.isEmpty()) {
                throw RdpException.argument(PDU, "SoftSyncChannelLists", channelLists.size()
                        + " lists disagree with NumberOfTunnels " + numberOfTunnels + " and Flags 0x" + Integer.toHexString(flags));
            }
        }

        static SoftSyncRequest decodeBody(ByteBuf in) {
            Wire.need(in, 9, PDU, "Length");
            in.skipBytes(1); // Pad
            long length = in.readUnsignedIntLE();
            int flags = in.readUnsignedShortLE();
            int tunnels = in.readUnsignedShortLE();
            List<SoftSyncChannelList> lists = new ArrayList<>();
            if ((flags & SOFT_SYNC_CHANNEL_LIST_PRESENT) != 0) {
                for (int t = 0; t < tunnels; t++) {
                    Wire.need(in, 6, PDU, "SoftSyncChannelList[" + t + "]");
                    long type = in.readUnsignedIntLE();
                    int n = in.readUnsignedShortLE();
                    Wire.need(in, 4 * n, PDU, "ListOfDVCIds[" + t + "]");
                    List<Long> ids = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        ids.add(in.readUnsignedIntLE());
                    }
                    lists.add(new SoftSyncChannelList(type, ids));
                }
            }
            SoftSyncRequest r = Wire.decoded(() -> new SoftSyncRequest(flags, tunnels, lists));
            if (length != r.size() - 2) {
                throw RdpException.malformed(PDU, "Length", length + " disagrees with the " + (r.size() - 2) + " bytes present");
            }
            return r;
        }

        @Override
        public int size() {
            return 2 + 8 + channelLists.stream().mapToInt(SoftSyncChannelList::size).sum();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(DvcHeader.header(CMD_SOFT_SYNC_REQUEST, 0, 0));
            out.writeByte(0);
            out.writeIntLE(size() - 2);
            out.writeShortLE(flags);
            out.writeShortLE(numberOfTunnels);
            for (SoftSyncChannelList l : channelLists) {
                out.writeIntLE((int) l.tunnelType());
                out.writeShortLE(l.channelIds().size());
                for (long id : l.channelIds()) {
                    out.writeIntLE((int) id);
                }
            }
        }
    }

    /** MS-RDPEDYC 2.2.5.2 Soft-Sync Response PDU (DYNVC_SOFT_SYNC_RESPONSE). Client to server. */
    record SoftSyncResponse(List<Long> tunnelsToSwitch) implements DvcPdu {
        static final String PDU = "DYNVC_SOFT_SYNC_RESPONSE";
        /** Upper bound on tunnels read from the wire (only two tunnel types exist). */
        static final int MAX_TUNNELS = 16;

        public SoftSyncResponse {
            tunnelsToSwitch = List.copyOf(tunnelsToSwitch);
            if (tunnelsToSwitch.size() > MAX_TUNNELS) {
                throw RdpException.argument(PDU, "NumberOfTunnels", tunnelsToSwitch.size() + " exceeds " + MAX_TUNNELS);
            }
            for (long t : tunnelsToSwitch) {
                Wire.requireUnsigned(t, 32, PDU, "TunnelsToSwitch");
            }
        }

        static SoftSyncResponse decodeBody(ByteBuf in) {
            Wire.need(in, 5, PDU, "NumberOfTunnels");
            in.skipBytes(1);
            long n = in.readUnsignedIntLE();
            if (n > MAX_TUNNELS) {
                throw RdpException.malformed(PDU, "NumberOfTunnels", n + " exceeds " + MAX_TUNNELS);
            }
            Wire.need(in, (int) n * 4, PDU, "TunnelsToSwitch");
            List<Long> tunnels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tunnels.add(in.readUnsignedIntLE());
            }
            return new SoftSyncResponse(tunnels);
        }

        @Override
        public int size() {
            return 6 + 4 * tunnelsToSwitch.size();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(DvcHeader.header(CMD_SOFT_SYNC_RESPONSE, 0, 0));
            out.writeByte(0);
            out.writeIntLE(tunnelsToSwitch.size());
            for (long t : tunnelsToSwitch) {
                out.writeIntLE((int) t);
            }
        }
    }
}
