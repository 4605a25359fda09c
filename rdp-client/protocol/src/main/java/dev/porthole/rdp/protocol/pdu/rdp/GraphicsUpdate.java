package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.1.3.1 Slow-Path Graphics Update (TS_GRAPHICS_UPDATE) bodies: orders (MS-RDPEGDI
 * 2.2.2.2, kept raw), bitmap, palette and synchronize, each starting with its updateType on the slow path.
 */
public sealed interface GraphicsUpdate extends OutputUpdate permits BitmapUpdate, PaletteUpdate, SynchronizeUpdate,
        OrdersUpdate {

    int UPDATETYPE_ORDERS = 0x0000;
    int UPDATETYPE_BITMAP = 0x0001;
    int UPDATETYPE_PALETTE = 0x0002;
    int UPDATETYPE_SYNCHRONIZE = 0x0003;

    int updateType();

    /** Bytes of the slow-path form, updateType included. */
    int slowPathSize();

    void encodeSlowPath(ByteBuf out);

    /** Decodes a slow-path update starting at its updateType. */
    static GraphicsUpdate decodeSlowPath(ByteBuf in) {
        Wire.need(in, 2, "TS_GRAPHICS_UPDATE", "updateType");
        int type = in.getUnsignedShortLE(in.readerIndex());
        return switch (type) {
            case UPDATETYPE_ORDERS -> OrdersUpdate.decodeSlowPath(in);
            case UPDATETYPE_BITMAP -> BitmapUpdate.decode(in);
            case UPDATETYPE_PALETTE -> PaletteUpdate.decode(in);
            case UPDATETYPE_SYNCHRONIZE -> {
                in.skipBytes(2);
                Wire.need(in, 2, "TS_UPDATE_SYNC", "pad2Octets");
                in.skipBytes(2);
                yield new SynchronizeUpdate();
            }
            default -> throw RdpException.malformed("TS_GRAPHICS_UPDATE", "updateType", "unknown update type " + type);
        };
    }
}
