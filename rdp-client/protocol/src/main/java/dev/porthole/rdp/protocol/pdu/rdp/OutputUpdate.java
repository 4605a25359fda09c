package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/**
 * A server output update as the fast path carries it (MS-RDPBCGR 2.2.9.1.2.1): graphics updates
 * (bitmap, palette, synchronize, orders), pointer updates and surface commands. Graphics and pointer
 * updates also have slow-path forms (2.2.9.1.1.3, 2.2.9.1.1.4), see {@link UpdatePdu} and {@link PointerPdu}.
 * Payloads (bitmap data, pointer masks, orders, surface bits) are slices of the buffer decoded from.
 */
public sealed interface OutputUpdate permits GraphicsUpdate, PointerUpdate, SurfaceCommandsUpdate {

    int FASTPATH_UPDATETYPE_ORDERS = 0x0;
    int FASTPATH_UPDATETYPE_BITMAP = 0x1;
    int FASTPATH_UPDATETYPE_PALETTE = 0x2;
    int FASTPATH_UPDATETYPE_SYNCHRONIZE = 0x3;
    int FASTPATH_UPDATETYPE_SURFCMDS = 0x4;
    int FASTPATH_UPDATETYPE_PTR_NULL = 0x5;
    int FASTPATH_UPDATETYPE_PTR_DEFAULT = 0x6;
    int FASTPATH_UPDATETYPE_PTR_POSITION = 0x8;
    int FASTPATH_UPDATETYPE_COLOR = 0x9;
    int FASTPATH_UPDATETYPE_CACHED = 0xA;
    int FASTPATH_UPDATETYPE_POINTER = 0xB;
    int FASTPATH_UPDATETYPE_LARGE_POINTER = 0xC;

    /** The updateCode this update travels with on the fast path. */
    int fastPathUpdateCode();

    /** Bytes of the fast-path updateData. */
    int fastPathSize();

    /** Writes the fast-path updateData. */
    void encodeFastPath(ByteBuf out);

    /**
     * Decodes the (reassembled, decompressed) updateData of a fast-path update with {@code updateCode};
     * {@code data} holds exactly the update.
     */
    static OutputUpdate decodeFastPath(int updateCode, ByteBuf data) {
        return switch (updateCode) {
            case FASTPATH_UPDATETYPE_ORDERS -> OrdersUpdate.decodeFastPath(data);
            case FASTPATH_UPDATETYPE_BITMAP -> BitmapUpdate.decode(data);
            case FASTPATH_UPDATETYPE_PALETTE -> PaletteUpdate.decode(data);
            case FASTPATH_UPDATETYPE_SYNCHRONIZE -> new SynchronizeUpdate();
            case FASTPATH_UPDATETYPE_SURFCMDS -> SurfaceCommandsUpdate.decode(data);
            case FASTPATH_UPDATETYPE_PTR_NULL -> new SystemPointer(SystemPointer.SYSPTR_NULL);
            case FASTPATH_UPDATETYPE_PTR_DEFAULT -> new SystemPointer(SystemPointer.SYSPTR_DEFAULT);
            case FASTPATH_UPDATETYPE_PTR_POSITION -> PointerPosition.decode(data);
            case FASTPATH_UPDATETYPE_COLOR -> ColorPointer.decode(data);
            case FASTPATH_UPDATETYPE_CACHED -> CachedPointer.decode(data);
            case FASTPATH_UPDATETYPE_POINTER -> NewPointer.decode(data);
            case FASTPATH_UPDATETYPE_LARGE_POINTER -> LargePointer.decode(data);
            default -> throw RdpException.malformed("TS_FP_UPDATE", "updateCode", "unknown update code " + updateCode);
        };
    }
}
