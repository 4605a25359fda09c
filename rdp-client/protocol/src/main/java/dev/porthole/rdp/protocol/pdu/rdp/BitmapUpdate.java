package dev.porthole.rdp.protocol.pdu.rdp;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.1.3.1.2.1 Bitmap Update Data (TS_UPDATE_BITMAP_DATA): updateType, the rectangle count
 * and the {@link BitmapData} rectangles. The same bytes form the slow-path body and the fast-path Bitmap
 * Update (2.2.9.1.2.1.2).
 */
public record BitmapUpdate(List<BitmapData> rectangles) implements GraphicsUpdate {

    static final String PDU = "TS_UPDATE_BITMAP_DATA";

    public BitmapUpdate {
        if (rectangles == null || rectangles.size() > 0xFFFF) {
            throw RdpException.argument(PDU, "numberRectangles", "must be at most 65535 rectangles");
        }
        rectangles = List.copyOf(rectangles);
    }

    @Override
    public int updateType() {
        return UPDATETYPE_BITMAP;
    }

    @Override
    public int slowPathSize() {
        int size = 4;
        for (BitmapData r : rectangles) {
            size += r.size();
        }
        return size;
    }

    @Override
    public void encodeSlowPath(ByteBuf out) {
        out.writeShortLE(UPDATETYPE_BITMAP);
        out.writeShortLE(rectangles.size());
        for (BitmapData r : rectangles) {
            r.encode(out);
        }
    }

    @Override
    public int fastPathUpdateCode() {
        return FASTPATH_UPDATETYPE_BITMAP;
    }

    @Override
    public int fastPathSize() {
        return slowPathSize();
    }

    @Override
    public void encodeFastPath(ByteBuf out) {
        encodeSlowPath(out);
    }

    static BitmapUpdate decode(ByteBuf in) {
        Wire.need(in, 4, PDU, "updateType/numberRectangles");
        int type = in.readUnsignedShortLE();
        if (type != UPDATETYPE_BITMAP) {
            throw RdpException.malformed(PDU, "updateType", "is " + type + ", expected UPDATETYPE_BITMAP (1)");
        }
        int count = in.readUnsignedShortLE();
        if ((long) count * BitmapData.FIXED_SIZE > in.readableBytes()) {
            throw RdpException.malformed(PDU, "numberRectangles", count + " rectangles cannot fit in "
                    + in.readableBytes() + " bytes");
        }
        List<BitmapData> rects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rects.add(BitmapData.decode(in, i));
        }
        return new BitmapUpdate(rects);
    }
}
