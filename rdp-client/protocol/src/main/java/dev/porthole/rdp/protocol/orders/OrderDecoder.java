package dev.porthole.rdp.protocol.orders;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.surface.Rect;
import io.netty.buffer.ByteBuf;

/**
 * Decodes the orderData of an Orders Update (MS-RDPEGDI 2.2.2.2) into {@link DrawingOrder}s, sans-I/O.
 * Primary orders are delta-encoded against the previous order (2.2.2.2.1.1.2): the decoder keeps the last
 * order type, the last bounds and the last fields of every order type for the whole connection, so one
 * instance must see every Orders Update of a session in order.
 *
 * <p>Decoded: the primary orders DstBlt, PatBlt, ScrBlt, OpaqueRect, MultiOpaqueRect, MemBlt and LineTo;
 * the secondary orders Cache Bitmap (Revisions 1 and 2, compressed or not) and Cache Color Table. Other
 * orders were not offered in the Order Capability Set, so receiving one is {@link RdpException.Kind#UNSUPPORTED}.
 * Every length is checked against the bytes present; bitmap data stay slices of the input.
 */
public final class OrderDecoder {

    static final String PDU = "DRAWING_ORDER";
    static final String PRIMARY = "PRIMARY_DRAWING_ORDER";
    static final String SECONDARY = "SECONDARY_DRAWING_ORDER";

    /** controlFlags (MS-RDPEGDI 2.2.2.2.1.1.2). */
    static final int TS_STANDARD = 0x01;
    static final int TS_SECONDARY = 0x02;
    static final int TS_BOUNDS = 0x04;
    static final int TS_TYPE_CHANGE = 0x08;
    static final int TS_DELTA_COORDINATES = 0x10;
    static final int TS_ZERO_BOUNDS_DELTAS = 0x20;
    static final int TS_ZERO_FIELD_BYTE_BIT0 = 0x40;
    static final int TS_ZERO_FIELD_BYTE_BIT1 = 0x80;

    /** The most rectangles a DELTA_RECTS_FIELD holds (MS-RDPEGDI 2.2.2.2.1.1.1.5). */
    public static final int MAX_DELTA_RECTS = 45;

    /** Cache Bitmap Revision 2 flags (MS-RDPEGDI 2.2.2.2.1.2.3). */
    static final int CBR2_HEIGHT_SAME_AS_WIDTH = 0x01;
    static final int CBR2_PERSISTENT_KEY_PRESENT = 0x02;
    static final int CBR2_NO_BITMAP_COMPRESSION_HDR = 0x08;
    /** Cache Bitmap Revision 1 extraFlags (MS-RDPEGDI 2.2.2.2.1.2.2). */
    static final int NO_BITMAP_COMPRESSION_HDR = 0x0400;

    private int orderType = PrimaryOrder.PATBLT;
    private int boundLeft;
    private int boundTop;
    private int boundRight;
    private int boundBottom;

    private final int[] dst = new int[5];
    private final int[] pat = new int[11];
    private final byte[] patExtra = new byte[7];
    private final int[] scr = new int[7];
    private final int[] opaque = new int[5];
    private final int[] multi = new int[6];
    private List<Rect> multiRects = List.of();
    private final int[] mem = new int[9];
    private final int[] line = new int[10];

    /** Decodes {@code numberOrders} orders from the readable bytes of {@code orderData} (not consumed). */
    public List<DrawingOrder> decode(ByteBuf orderData, int numberOrders) {
        ByteBuf in = orderData.duplicate();
        List<DrawingOrder> out = new ArrayList<>(Math.min(numberOrders, in.readableBytes()));
        for (int i = 0; i < numberOrders; i++) {
            Wire.need(in, 1, PDU, "controlFlags (order " + i + " of " + numberOrders + ")");
            int control = in.readUnsignedByte();
            if ((control & TS_STANDARD) == 0) {
                if ((control & TS_SECONDARY) != 0) {
                    throw new RdpException(RdpException.Kind.UNSUPPORTED, "ALTSEC_DRAWING_ORDER.orderType: alternate"
                            + " secondary order 0x" + Integer.toHexString(control >>> 2) + " was not offered");
                }
                throw RdpException.malformed(PDU, "controlFlags", "0x" + Integer.toHexString(control)
                        + " has neither TS_STANDARD nor TS_SECONDARY");
            }
            if ((control & TS_SECONDARY) != 0) {
                out.add(new DrawingOrder.Secondary(secondary(in)));
            } else {
                out.add(primary(control, in));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- primary orders

    private DrawingOrder primary(int control, ByteBuf in) {
        if ((control & TS_TYPE_CHANGE) != 0) {
            Wire.need(in, 1, PRIMARY, "orderType");
            orderType = in.readUnsignedByte();
        }
        int fieldBytes = switch (orderType) {
            case PrimaryOrder.DSTBLT, PrimaryOrder.SCRBLT, PrimaryOrder.OPAQUERECT -> 1;
            case PrimaryOrder.PATBLT, PrimaryOrder.MEMBLT, PrimaryOrder.LINETO, PrimaryOrder.MULTIOPAQUERECT -> 2;
            default -> throw new RdpException(RdpException.Kind.UNSUPPORTED, PRIMARY + ".orderType: 0x"
                    + Integer.toHexString(orderType) + " is not a primary order this client offered");
        };
        if ((control & TS_ZERO_FIELD_BYTE_BIT0) != 0) {
            fieldBytes--;
        }
        if ((control & TS_ZERO_FIELD_BYTE_BIT1) != 0) {
            fieldBytes = Math.max(0, fieldBytes - 2);
        }
        Wire.need(in, fieldBytes, PRIMARY, "fieldFlags");
        int fields = 0;
        for (int i = 0; i < fieldBytes; i++) {
            fields |= in.readUnsignedByte() << (8 * i);
        }
        Rect clip = null;
        if ((control & TS_BOUNDS) != 0) {
            if ((control & TS_ZERO_BOUNDS_DELTAS) == 0) {
                readBounds(in);
            }
            clip = boundRight < boundLeft || boundBottom < boundTop ? Rect.EMPTY
                    : Rect.ofInclusive(boundLeft, boundTop, boundRight, boundBottom);
        }
        boolean delta = (control & TS_DELTA_COORDINATES) != 0;
        PrimaryOrder order = switch (orderType) {
            case PrimaryOrder.DSTBLT -> dstBlt(in, fields, delta);
            case PrimaryOrder.PATBLT -> patBlt(in, fields, delta);
            case PrimaryOrder.SCRBLT -> scrBlt(in, fields, delta);
            case PrimaryOrder.OPAQUERECT -> opaqueRect(in, fields, delta);
            case PrimaryOrder.MULTIOPAQUERECT -> multiOpaqueRect(in, fields, delta);
            case PrimaryOrder.MEMBLT -> memBlt(in, fields, delta);
            default -> lineTo(in, fields, delta);
        };
        return new DrawingOrder.Primary(order, clip);
    }

    /** MS-RDPEGDI 2.2.2.2.1.1.1.4 Bounds (BOUNDS): absolute 2-byte or 1-byte delta edges, inclusive. */
    private void readBounds(ByteBuf in) {
        String pdu = "BOUNDS";
        Wire.need(in, 1, pdu, "flags");
        int flags = in.readUnsignedByte();
        boundLeft = bound(in, flags, 0x01, 0x10, boundLeft, pdu, "left");
        boundTop = bound(in, flags, 0x02, 0x20, boundTop, pdu, "top");
        boundRight = bound(in, flags, 0x04, 0x40, boundRight, pdu, "right");
        boundBottom = bound(in, flags, 0x08, 0x80, boundBottom, pdu, "bottom");
    }

    private static int bound(ByteBuf in, int flags, int absolute, int deltaBit, int previous, String pdu, String field) {
        if ((flags & absolute) != 0) {
            Wire.need(in, 2, pdu, field);
            return in.readShortLE();
        }
        if ((flags & deltaBit) != 0) {
            Wire.need(in, 1, pdu, field);
            return (short) (previous + in.readByte());
        }
        return previous;
    }

    /** A Coord Field (MS-RDPEGDI 2.2.2.2.1.1.1.1): 2-byte signed, or a signed 1-byte delta under TS_DELTA_COORDINATES. */
    private static int coord(ByteBuf in, boolean delta, int previous, String pdu, String field) {
        if (delta) {
            Wire.need(in, 1, pdu, field);
            return (short) (previous + in.readByte());
        }
        Wire.need(in, 2, pdu, field);
        return in.readShortLE();
    }

    private static int u8(ByteBuf in, String pdu, String field) {
        Wire.need(in, 1, pdu, field);
        return in.readUnsignedByte();
    }

    private static int u16(ByteBuf in, String pdu, String field) {
        Wire.need(in, 2, pdu, field);
        return in.readUnsignedShortLE();
    }

    /** TS_COLOR (MS-RDPEGDI 2.2.2.2.1.1.1.8): red (or palette index), green, blue. */
    private static int color(ByteBuf in, String pdu, String field) {
        Wire.need(in, 3, pdu, field);
        return in.readUnsignedMediumLE();
    }

    /** Reads the four leading rectangle coordinates present in {@code fields} bits {@code firstBit..firstBit+3}. */
    private static void rect(ByteBuf in, int fields, int firstBit, boolean delta, int[] state, String pdu) {
        String[] names = {"nLeftRect", "nTopRect", "nWidth", "nHeight"};
        for (int i = 0; i < 4; i++) {
            if ((fields & (firstBit << i)) != 0) {
                state[i] = coord(in, delta, state[i], pdu, names[i]);
            }
        }
    }

    private PrimaryOrder dstBlt(ByteBuf in, int fields, boolean delta) {
        String pdu = "DSTBLT_ORDER";
        rect(in, fields, 0x01, delta, dst, pdu);
        if ((fields & 0x10) != 0) {
            dst[4] = u8(in, pdu, "bRop");
        }
        return new PrimaryOrder.DstBlt(dst[0], dst[1], dst[2], dst[3], dst[4]);
    }

    private PrimaryOrder patBlt(ByteBuf in, int fields, boolean delta) {
        String pdu = "PATBLT_ORDER";
        rect(in, fields, 0x0001, delta, pat, pdu);
        if ((fields & 0x0010) != 0) {
            pat[4] = u8(in, pdu, "bRop");
        }
        if ((fields & 0x0020) != 0) {
            pat[5] = color(in, pdu, "BackColor");
        }
        if ((fields & 0x0040) != 0) {
            pat[6] = color(in, pdu, "ForeColor");
        }
        if ((fields & 0x0080) != 0) {
            pat[7] = u8(in, pdu, "BrushOrgX");
        }
        if ((fields & 0x0100) != 0) {
            pat[8] = u8(in, pdu, "BrushOrgY");
        }
        if ((fields & 0x0200) != 0) {
            pat[9] = u8(in, pdu, "BrushStyle");
        }
        if ((fields & 0x0400) != 0) {
            pat[10] = u8(in, pdu, "BrushHatch");
        }
        if ((fields & 0x0800) != 0) {
            Wire.need(in, 7, pdu, "BrushExtra");
            in.readBytes(patExtra);
        }
        byte[] pattern = new byte[8];
        pattern[0] = (byte) pat[10];
        System.arraycopy(patExtra, 0, pattern, 1, 7);
        return new PrimaryOrder.PatBlt(pat[0], pat[1], pat[2], pat[3], pat[4], pat[5], pat[6], pat[7], pat[8], pat[9],
                pat[10], pattern);
    }

    private PrimaryOrder scrBlt(ByteBuf in, int fields, boolean delta) {
        String pdu = "SCRBLT_ORDER";
        rect(in, fields, 0x01, delta, scr, pdu);
        if ((fields & 0x10) != 0) {
            scr[4] = u8(in, pdu, "bRop");
        }
        if ((fields & 0x20) != 0) {
            scr[5] = coord(in, delta, scr[5], pdu, "nXSrc");
        }
        if ((fields & 0x40) != 0) {
            scr[6] = coord(in, delta, scr[6], pdu, "nYSrc");
        }
        return new PrimaryOrder.ScrBlt(scr[0], scr[1], scr[2], scr[3], scr[4], scr[5], scr[6]);
    }

    private PrimaryOrder opaqueRect(ByteBuf in, int fields, boolean delta) {
        String pdu = "OPAQUERECT_ORDER";
        rect(in, fields, 0x01, delta, opaque, pdu);
        opaque[4] = colorBytes(in, fields, 0x10, opaque[4], pdu);
        return new PrimaryOrder.OpaqueRect(opaque[0], opaque[1], opaque[2], opaque[3], opaque[4]);
    }

    /** RedOrPaletteIndex, Green and Blue as three separately present 1-byte fields (OpaqueRect, MultiOpaqueRect). */
    private static int colorBytes(ByteBuf in, int fields, int redBit, int previous, String pdu) {
        int color = previous;
        if ((fields & redBit) != 0) {
            color = (color & 0xFFFF00) | u8(in, pdu, "RedOrPaletteIndex");
        }
        if ((fields & (redBit << 1)) != 0) {
            color = (color & 0xFF00FF) | (u8(in, pdu, "Green") << 8);
        }
        if ((fields & (redBit << 2)) != 0) {
            color = (color & 0x00FFFF) | (u8(in, pdu, "Blue") << 16);
        }
        return color;
    }

    private PrimaryOrder multiOpaqueRect(ByteBuf in, int fields, boolean delta) {
        String pdu = "MULTI_OPAQUERECT_ORDER";
        rect(in, fields, 0x0001, delta, multi, pdu);
        multi[4] = colorBytes(in, fields, 0x0010, multi[4], pdu);
        if ((fields & 0x0080) != 0) {
            int n = u8(in, pdu, "nDeltaEntries");
            if (n > MAX_DELTA_RECTS) {
                throw RdpException.malformed(pdu, "nDeltaEntries", n + " exceeds " + MAX_DELTA_RECTS);
            }
            multi[5] = n;
        }
        if ((fields & 0x0100) != 0) {
            int cbData = u16(in, pdu, "CodedDeltaList.cbData");
            Wire.need(in, cbData, pdu, "CodedDeltaList");
            multiRects = deltaRects(in.readSlice(cbData), multi[5]);
        }
        if (multiRects.size() < multi[5]) {
            throw RdpException.malformed(pdu, "nDeltaEntries", multi[5] + " rectangles but the last CodedDeltaList held "
                    + multiRects.size());
        }
        return new PrimaryOrder.MultiOpaqueRect(multi[0], multi[1], multi[2], multi[3], multi[4],
                multiRects.subList(0, multi[5]));
    }

    /** MS-RDPEGDI 2.2.2.2.1.1.1.5 DELTA_RECTS_FIELD, to absolute rectangles (empty ones dropped). */
    static List<Rect> deltaRects(ByteBuf in, int count) {
        String pdu = "DELTA_RECTS_FIELD";
        int zeroBytes = (count + 1) / 2;
        Wire.need(in, zeroBytes, pdu, "zeroBits");
        ByteBuf zeroBits = in.readSlice(zeroBytes);
        List<Rect> rects = new ArrayList<>(count);
        int left = 0;
        int top = 0;
        int width = 0;
        int height = 0;
        for (int i = 0; i < count; i++) {
            int flags = zeroBits.getUnsignedByte(i / 2) >>> (i % 2 == 0 ? 4 : 0);
            if ((flags & 0x8) == 0) {
                left += delta(in, pdu, "left");
            }
            if ((flags & 0x4) == 0) {
                top += delta(in, pdu, "top");
            }
            if ((flags & 0x2) == 0) {
                width = delta(in, pdu, "width");
            }
            if ((flags & 0x1) == 0) {
                height = delta(in, pdu, "height");
            }
            rects.add(width > 0 && height > 0 ? new Rect(left, top, width, height) : Rect.EMPTY);
        }
        return rects;
    }

    /** The packed signed value of DELTA_RECTS_FIELD / DELTA_PTS_FIELD: 7-bit, or 15-bit with 0x80 in the first byte. */
    private static int delta(ByteBuf in, String pdu, String field) {
        Wire.need(in, 1, pdu, field);
        int b = in.readUnsignedByte();
        if ((b & 0x80) == 0) {
            return (b & 0x40) != 0 ? b - 0x80 : b;
        }
        Wire.need(in, 1, pdu, field);
        int v = ((b & 0x7F) << 8) | in.readUnsignedByte();
        return (v & 0x4000) != 0 ? v - 0x8000 : v;
    }

    private PrimaryOrder memBlt(ByteBuf in, int fields, boolean delta) {
        String pdu = "MEMBLT_ORDER";
        if ((fields & 0x0001) != 0) {
            mem[0] = u16(in, pdu, "cacheId");
        }
        int[] r = {mem[1], mem[2], mem[3], mem[4]};
        rect(in, fields >>> 1, 0x0001, delta, r, pdu);
        System.arraycopy(r, 0, mem, 1, 4);
        if ((fields & 0x0020) != 0) {
            mem[5] = u8(in, pdu, "bRop");
        }
        if ((fields & 0x0040) != 0) {
            mem[6] = coord(in, delta, mem[6], pdu, "nXSrc");
        }
        if ((fields & 0x0080) != 0) {
            mem[7] = coord(in, delta, mem[7], pdu, "nYSrc");
        }
        if ((fields & 0x0100) != 0) {
            mem[8] = u16(in, pdu, "cacheIndex");
        }
        return new PrimaryOrder.MemBlt(mem[0], mem[1], mem[2], mem[3], mem[4], mem[5], mem[6], mem[7], mem[8]);
    }

    private PrimaryOrder lineTo(ByteBuf in, int fields, boolean delta) {
        String pdu = "LINETO_ORDER";
        if ((fields & 0x0001) != 0) {
            line[0] = u16(in, pdu, "backMode");
        }
        String[] names = {"nXStart", "nYStart", "nXEnd", "nYEnd"};
        for (int i = 0; i < 4; i++) {
            if ((fields & (0x0002 << i)) != 0) {
                line[1 + i] = coord(in, delta, line[1 + i], pdu, names[i]);
            }
        }
        if ((fields & 0x0020) != 0) {
            line[5] = color(in, pdu, "backColor");
        }
        if ((fields & 0x0040) != 0) {
            line[6] = u8(in, pdu, "bRop2");
        }
        if ((fields & 0x0080) != 0) {
            line[7] = u8(in, pdu, "penStyle");
        }
        if ((fields & 0x0100) != 0) {
            line[8] = u8(in, pdu, "penWidth");
        }
        if ((fields & 0x0200) != 0) {
            line[9] = color(in, pdu, "penColor");
        }
        return new PrimaryOrder.LineTo(line[0], line[1], line[2], line[3], line[4], line[5], line[6], line[7], line[8],
                line[9]);
    }

    // ---------------------------------------------------------------- secondary orders

    /** MS-RDPEGDI 2.2.2.2.1.2.1.1 SECONDARY_DRAWING_ORDER_HEADER, then the order; the control byte was read. */
    private SecondaryOrder secondary(ByteBuf in) {
        Wire.need(in, 5, SECONDARY, "orderLength/extraFlags/orderType");
        int orderLength = in.readShortLE();
        int extraFlags = in.readUnsignedShortLE();
        int type = in.readUnsignedByte();
        int bodyLength = orderLength + 7; // orderLength is the whole order's length minus 13 (2.2.2.2.1.2.1.1)
        if (bodyLength < 0) {
            throw RdpException.malformed(SECONDARY, "orderLength", orderLength + " is below -7");
        }
        Wire.need(in, bodyLength, SECONDARY, "orderLength");
        ByteBuf body = in.readSlice(bodyLength);
        return switch (type) {
            case SecondaryOrder.CACHE_BITMAP_UNCOMPRESSED, SecondaryOrder.CACHE_BITMAP_COMPRESSED ->
                    cacheBitmapV1(body, extraFlags, type == SecondaryOrder.CACHE_BITMAP_COMPRESSED);
            case SecondaryOrder.CACHE_BITMAP_UNCOMPRESSED_REV2, SecondaryOrder.CACHE_BITMAP_COMPRESSED_REV2 ->
                    cacheBitmapV2(body, extraFlags, type == SecondaryOrder.CACHE_BITMAP_COMPRESSED_REV2);
            case SecondaryOrder.CACHE_COLOR_TABLE -> cacheColorTable(body);
            default -> throw new RdpException(RdpException.Kind.UNSUPPORTED, SECONDARY + ".orderType: 0x"
                    + Integer.toHexString(type) + " is not a secondary order this client offered");
        };
    }

    /** MS-RDPEGDI 2.2.2.2.1.2.2 Cache Bitmap - Revision 1 (CACHE_BITMAP_ORDER). */
    private static SecondaryOrder cacheBitmapV1(ByteBuf in, int extraFlags, boolean compressed) {
        String pdu = "CACHE_BITMAP_ORDER";
        Wire.need(in, 9, pdu, "header");
        int cacheId = in.readUnsignedByte();
        in.skipBytes(1); // pad1Octet
        int width = in.readUnsignedByte();
        int height = in.readUnsignedByte();
        int bpp = in.readUnsignedByte();
        int length = in.readUnsignedShortLE();
        Wire.need(in, 2, pdu, "cacheIndex");
        int cacheIndex = in.readUnsignedShortLE();
        if (bpp != 8 && bpp != 15 && bpp != 16 && bpp != 24 && bpp != 32) {
            throw RdpException.malformed(pdu, "bitmapBitsPerPixel", bpp + " is not 8, 15, 16, 24 or 32");
        }
        if (compressed && (extraFlags & NO_BITMAP_COMPRESSION_HDR) == 0) {
            if (length < 8) {
                throw RdpException.malformed(pdu, "bitmapLength", length + " cannot hold the 8-byte bitmapComprHdr");
            }
            Wire.need(in, 8, pdu, "bitmapComprHdr");
            in.skipBytes(8);
            length -= 8;
        }
        Wire.need(in, length, pdu, "bitmapDataStream");
        return new SecondaryOrder.CacheBitmap(1, cacheId, cacheIndex, width, height, bpp, compressed, in.readSlice(length));
    }

    /** MS-RDPEGDI 2.2.2.2.1.2.3 Cache Bitmap - Revision 2 (CACHE_BITMAP_REV2_ORDER). */
    private static SecondaryOrder cacheBitmapV2(ByteBuf in, int extraFlags, boolean compressed) {
        String pdu = "CACHE_BITMAP_REV2_ORDER";
        int cacheId = extraFlags & 0x0007;
        int bppId = (extraFlags >>> 3) & 0x0F;
        int flags = extraFlags >>> 7;
        int bpp = switch (bppId) {
            case 3 -> 8;
            case 4 -> 16;
            case 5 -> 24;
            case 6 -> 32;
            default -> throw RdpException.malformed(pdu, "bitsPerPixelId", bppId + " is not CBR2_8BPP..CBR2_32BPP (3..6)");
        };
        if ((flags & CBR2_PERSISTENT_KEY_PRESENT) != 0) {
            Wire.need(in, 8, pdu, "key1/key2");
            in.skipBytes(8);
        }
        int width = twoByteUnsigned(in, pdu, "bitmapWidth");
        int height = (flags & CBR2_HEIGHT_SAME_AS_WIDTH) != 0 ? width : twoByteUnsigned(in, pdu, "bitmapHeight");
        int length = fourByteUnsigned(in, pdu, "bitmapLength");
        int cacheIndex = twoByteUnsigned(in, pdu, "cacheIndex");
        if (compressed && (flags & CBR2_NO_BITMAP_COMPRESSION_HDR) == 0) {
            Wire.need(in, 8, pdu, "bitmapComprHdr");
            in.skipBytes(2); // cbCompFirstRowSize
            length = in.readUnsignedShortLE(); // cbCompMainBodySize
            in.skipBytes(4); // cbScanWidth, cbUncompressedSize
        }
        Wire.need(in, length, pdu, "bitmapDataStream");
        return new SecondaryOrder.CacheBitmap(2, cacheId, cacheIndex, width, height, bpp, compressed, in.readSlice(length));
    }

    /** TWO_BYTE_UNSIGNED_ENCODING (MS-RDPEGDI 2.2.2.2.1.2.1.2): 7 or 15 bits. */
    static int twoByteUnsigned(ByteBuf in, String pdu, String field) {
        Wire.need(in, 1, pdu, field);
        int b = in.readUnsignedByte();
        if ((b & 0x80) == 0) {
            return b;
        }
        Wire.need(in, 1, pdu, field);
        return ((b & 0x7F) << 8) | in.readUnsignedByte();
    }

    /** FOUR_BYTE_UNSIGNED_ENCODING (MS-RDPEGDI 2.2.2.2.1.2.1.4): the top two bits count the extra bytes. */
    static int fourByteUnsigned(ByteBuf in, String pdu, String field) {
        Wire.need(in, 1, pdu, field);
        int b = in.readUnsignedByte();
        int extra = b >>> 6;
        Wire.need(in, extra, pdu, field);
        int v = b & 0x3F;
        for (int i = 0; i < extra; i++) {
            v = (v << 8) | in.readUnsignedByte();
        }
        return v;
    }

    /** MS-RDPEGDI 2.2.2.2.1.2.4 Cache Color Table (CACHE_COLOR_TABLE_ORDER): TS_COLOR_QUADs blue, green, red, pad. */
    private static SecondaryOrder cacheColorTable(ByteBuf in) {
        String pdu = "CACHE_COLOR_TABLE_ORDER";
        Wire.need(in, 3, pdu, "cacheIndex/numberColors");
        int cacheIndex = in.readUnsignedByte();
        int n = in.readUnsignedShortLE();
        if (n != 256) {
            throw RdpException.malformed(pdu, "numberColors", n + " is not 256");
        }
        Wire.need(in, 4 * n, pdu, "colorTable");
        int[] colors = new int[n];
        for (int i = 0; i < n; i++) {
            int b = in.readUnsignedByte();
            int g = in.readUnsignedByte();
            int r = in.readUnsignedByte();
            in.skipBytes(1);
            colors[i] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return new SecondaryOrder.CacheColorTable(cacheIndex, colors);
    }
}
