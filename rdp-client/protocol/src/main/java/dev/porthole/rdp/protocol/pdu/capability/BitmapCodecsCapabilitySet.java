package dev.porthole.rdp.protocol.pdu.capability;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.2.10 Bitmap Codecs Capability Set (TS_BITMAPCODECS_CAPABILITYSET): up to 255
 * TS_BITMAPCODEC entries (2.2.7.2.10.1.1), each a codec GUID, the id that bitmap data will carry and the
 * codec's properties. Properties are opaque here (NSCodec: MS-RDPNSC 2.2.1; RemoteFX: MS-RDPRFX 2.2.1.1);
 * {@link BitmapCodec#nsCodec} builds the three NSCodec bytes.
 */
public record BitmapCodecsCapabilitySet(List<BitmapCodec> codecs) implements CapabilitySet {

    static final String PDU = "TS_BITMAPCODECS_CAPABILITYSET";

    public static final UUID CODEC_GUID_NSCODEC = UUID.fromString("ca8d1bb9-000f-154f-589f-ae2d1a87e2d6");
    public static final UUID CODEC_GUID_REMOTEFX = UUID.fromString("76772f12-bd72-4463-afb3-b73c9c6f7886");
    public static final UUID CODEC_GUID_IMAGE_REMOTEFX = UUID.fromString("2744ccd4-9d8a-4e74-803c-0ecbeea19c54");
    public static final UUID CODEC_GUID_IGNORE = UUID.fromString("9c4351a6-3535-42ae-910c-cdfce5760b58");

    /**
     * MS-RDPBCGR 2.2.7.2.10.1.1 Bitmap Codec (TS_BITMAPCODEC). The GUID travels in Windows layout: the
     * first three components little-endian, the last eight bytes in order (2.2.7.2.10.1.1.1).
     */
    public record BitmapCodec(UUID codecGuid, int codecId, Bytes codecProperties) {

        public BitmapCodec {
            if (codecGuid == null || codecProperties == null) {
                throw RdpException.argument(PDU, "codecGUID/codecProperties", "is null");
            }
            Wire.requireUnsigned(codecId, 8, PDU, "codecID");
            Wire.requireUnsigned(codecProperties.length(), 16, PDU, "codecPropertiesLength");
        }

        /** NSCodec with its TS_NSCODEC_CAPABILITYSET properties (MS-RDPNSC 2.2.1); colorLossLevel 1..7. */
        public static BitmapCodec nsCodec(int codecId, boolean allowDynamicFidelity, boolean allowSubsampling,
                                          int colorLossLevel) {
            if (colorLossLevel < 1 || colorLossLevel > 7) {
                throw RdpException.argument("TS_NSCODEC_CAPABILITYSET", "colorLossLevel", colorLossLevel + " outside 1..7");
            }
            return new BitmapCodec(CODEC_GUID_NSCODEC, codecId,
                    Bytes.of((byte) (allowDynamicFidelity ? 1 : 0), (byte) (allowSubsampling ? 1 : 0), (byte) colorLossLevel));
        }

        int size() {
            return 16 + 1 + 2 + codecProperties.length();
        }

        void encode(ByteBuf out) {
            long msb = codecGuid.getMostSignificantBits();
            out.writeIntLE((int) (msb >>> 32));
            out.writeShortLE((int) (msb >>> 16));
            out.writeShortLE((int) msb);
            out.writeLong(codecGuid.getLeastSignificantBits()); // bytes 8..15 in order (big-endian long)
            out.writeByte(codecId);
            out.writeShortLE(codecProperties.length());
            codecProperties.writeTo(out);
        }

        static BitmapCodec decode(ByteBuf in, int index) {
            Wire.need(in, 19, PDU, "bitmapCodecArray[" + index + "]");
            long d1 = in.readUnsignedIntLE();
            long d2 = in.readUnsignedShortLE();
            long d3 = in.readUnsignedShortLE();
            long lsb = in.readLong();
            UUID guid = new UUID(d1 << 32 | d2 << 16 | d3, lsb);
            int id = in.readUnsignedByte();
            int length = in.readUnsignedShortLE();
            return new BitmapCodec(guid, id, Bytes.read(in, length, PDU, "bitmapCodecArray[" + index + "].codecProperties"));
        }
    }

    public BitmapCodecsCapabilitySet {
        if (codecs == null || codecs.size() > 255) {
            throw RdpException.argument(PDU, "bitmapCodecCount", "must be at most 255 codecs");
        }
        codecs = List.copyOf(codecs);
    }

    /** The codec with {@code guid}, or {@code null}. */
    public BitmapCodec find(UUID guid) {
        for (BitmapCodec c : codecs) {
            if (c.codecGuid().equals(guid)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public int type() {
        return CAPSETTYPE_BITMAP_CODECS;
    }

    @Override
    public int bodySize() {
        int size = 1;
        for (BitmapCodec c : codecs) {
            size += c.size();
        }
        return size;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeByte(codecs.size());
        for (BitmapCodec c : codecs) {
            c.encode(out);
        }
    }

    static BitmapCodecsCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, 1, PDU, "bitmapCodecCount");
        int count = body.readUnsignedByte();
        List<BitmapCodec> codecs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            codecs.add(BitmapCodec.decode(body, i));
        }
        return new BitmapCodecsCapabilitySet(codecs);
    }
}
