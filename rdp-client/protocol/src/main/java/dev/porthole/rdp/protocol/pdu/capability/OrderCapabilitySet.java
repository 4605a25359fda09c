package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.1.3 Order Capability Set (TS_ORDER_CAPABILITYSET): which primary drawing orders
 * (MS-RDPEGDI) each side supports, indexed by the TS_NEG_*_INDEX values in the 32-byte
 * {@code orderSupport} array. A client that draws only bitmaps sends an all-zero array. The six padding
 * fields are written as zero and ignored on read.
 */
public record OrderCapabilitySet(Bytes terminalDescriptor, int desktopSaveXGranularity, int desktopSaveYGranularity,
                                 int maximumOrderLevel, int numberFonts, int orderFlags, Bytes orderSupport,
                                 int textFlags, int orderSupportExFlags, int desktopSaveSize, int textAnsiCodePage)
        implements CapabilitySet {

    static final String PDU = "TS_ORDER_CAPABILITYSET";
    public static final int BODY_SIZE = 84;

    public static final int NEGOTIATEORDERSUPPORT = 0x0002;
    public static final int ZEROBOUNDSDELTASSUPPORT = 0x0008;
    public static final int COLORINDEXSUPPORT = 0x0020;
    public static final int SOLIDPATTERNBRUSHONLY = 0x0040;
    public static final int ORDERFLAGS_EXTRA_FLAGS = 0x0080;

    /** orderSupportExFlags: Cache Bitmap Revision 3 secondary orders (MS-RDPEGDI 2.2.2.2.1.2.8). */
    public static final int ORDERFLAGS_EX_CACHE_BITMAP_REV3_SUPPORT = 0x0002;
    public static final int ORDERFLAGS_EX_ALTSEC_FRAME_MARKER_SUPPORT = 0x0004;

    public static final int ORD_LEVEL_1_ORDERS = 1;

    public static final int TS_NEG_DSTBLT_INDEX = 0x00;
    public static final int TS_NEG_PATBLT_INDEX = 0x01;
    public static final int TS_NEG_SCRBLT_INDEX = 0x02;
    public static final int TS_NEG_MEMBLT_INDEX = 0x03;
    public static final int TS_NEG_MEM3BLT_INDEX = 0x04;
    public static final int TS_NEG_DRAWNINEGRID_INDEX = 0x07;
    public static final int TS_NEG_LINETO_INDEX = 0x08;
    public static final int TS_NEG_MULTI_DRAWNINEGRID_INDEX = 0x09;
    public static final int TS_NEG_SAVEBITMAP_INDEX = 0x0B;
    public static final int TS_NEG_MULTIDSTBLT_INDEX = 0x0F;
    public static final int TS_NEG_MULTIPATBLT_INDEX = 0x10;
    public static final int TS_NEG_MULTISCRBLT_INDEX = 0x11;
    public static final int TS_NEG_MULTIOPAQUERECT_INDEX = 0x12;
    public static final int TS_NEG_FAST_INDEX_INDEX = 0x13;
    public static final int TS_NEG_POLYGON_SC_INDEX = 0x14;
    public static final int TS_NEG_POLYGON_CB_INDEX = 0x15;
    public static final int TS_NEG_POLYLINE_INDEX = 0x16;
    public static final int TS_NEG_FAST_GLYPH_INDEX = 0x18;
    public static final int TS_NEG_ELLIPSE_SC_INDEX = 0x19;
    public static final int TS_NEG_ELLIPSE_CB_INDEX = 0x1A;
    public static final int TS_NEG_INDEX_INDEX = 0x1B;

    public OrderCapabilitySet {
        if (terminalDescriptor == null || terminalDescriptor.length() != 16) {
            throw RdpException.argument(PDU, "terminalDescriptor", "must have 16 bytes");
        }
        if (orderSupport == null || orderSupport.length() != 32) {
            throw RdpException.argument(PDU, "orderSupport", "must have 32 bytes");
        }
        Wire.requireUnsigned(desktopSaveXGranularity, 16, PDU, "desktopSaveXGranularity");
        Wire.requireUnsigned(desktopSaveYGranularity, 16, PDU, "desktopSaveYGranularity");
        Wire.requireUnsigned(maximumOrderLevel, 16, PDU, "maximumOrderLevel");
        Wire.requireUnsigned(numberFonts, 16, PDU, "numberFonts");
        Wire.requireUnsigned(orderFlags, 16, PDU, "orderFlags");
        Wire.requireUnsigned(textFlags, 16, PDU, "textFlags");
        Wire.requireUnsigned(orderSupportExFlags, 16, PDU, "orderSupportExFlags");
        Wire.requireUnsigned(textAnsiCodePage, 16, PDU, "textANSICodePage");
    }

    /** Whether the order at TS_NEG index {@code index} is marked supported. */
    public boolean supports(int index) {
        return orderSupport.get(index) != 0;
    }

    @Override
    public int type() {
        return CAPSTYPE_ORDER;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        terminalDescriptor.writeTo(out);
        out.writeZero(4); // pad4octetsA
        out.writeShortLE(desktopSaveXGranularity);
        out.writeShortLE(desktopSaveYGranularity);
        out.writeZero(2); // pad2octetsA
        out.writeShortLE(maximumOrderLevel);
        out.writeShortLE(numberFonts);
        out.writeShortLE(orderFlags);
        orderSupport.writeTo(out);
        out.writeShortLE(textFlags);
        out.writeShortLE(orderSupportExFlags);
        out.writeZero(4); // pad4octetsB
        out.writeIntLE(desktopSaveSize);
        out.writeZero(4); // pad2octetsC, pad2octetsD
        out.writeShortLE(textAnsiCodePage);
        out.writeZero(2); // pad2octetsE
    }

    static OrderCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        Bytes terminal = Bytes.read(body, 16, PDU, "terminalDescriptor");
        body.skipBytes(4); // pad4octetsA
        int xGranularity = body.readUnsignedShortLE();
        int yGranularity = body.readUnsignedShortLE();
        body.skipBytes(2); // pad2octetsA
        int level = body.readUnsignedShortLE();
        int fonts = body.readUnsignedShortLE();
        int flags = body.readUnsignedShortLE();
        Bytes support = Bytes.read(body, 32, PDU, "orderSupport");
        int textFlags = body.readUnsignedShortLE();
        int exFlags = body.readUnsignedShortLE();
        body.skipBytes(4); // pad4octetsB
        int saveSize = body.readIntLE();
        body.skipBytes(4); // pad2octetsC, pad2octetsD
        int codePage = body.readUnsignedShortLE();
        body.skipBytes(2); // pad2octetsE
        return new OrderCapabilitySet(terminal, xGranularity, yGranularity, level, fonts, flags, support, textFlags, exFlags,
                saveSize, codePage);
    }
}
