package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * Pointer updates (MS-RDPBCGR 2.2.9.1.1.4 slow path, 2.2.9.1.2.1.4-2.2.9.1.2.1.11 fast path): system
 * pointer (hidden or default), position, color, new (any depth), cached and large pointers. Masks stay
 * slices for the codec that turns them into ARGB cursors.
 */
public sealed interface PointerUpdate extends OutputUpdate permits SystemPointer, PointerPosition, ColorPointer,
        NewPointer, CachedPointer, LargePointer {

    int TS_PTRMSGTYPE_SYSTEM = 0x0001;
    int TS_PTRMSGTYPE_POSITION = 0x0003;
    int TS_PTRMSGTYPE_COLOR = 0x0006;
    int TS_PTRMSGTYPE_CACHED = 0x0007;
    int TS_PTRMSGTYPE_POINTER = 0x0008;

    /** The slow-path messageType; the large pointer has none. */
    int messageType();

    /** Bytes of the slow-path pointerAttributeData. */
    default int slowPathSize() {
        return fastPathSize();
    }

    /** Writes the slow-path pointerAttributeData. */
    default void encodeSlowPath(ByteBuf out) {
        encodeFastPath(out);
    }

    /** Decodes the pointerAttributeData of a slow-path pointer update with {@code messageType}. */
    static PointerUpdate decodeSlowPath(int messageType, ByteBuf in) {
        return switch (messageType) {
            case TS_PTRMSGTYPE_SYSTEM -> {
                Wire.need(in, 4, SystemPointer.PDU, "systemPointerType");
                yield new SystemPointer(in.readIntLE());
            }
            case TS_PTRMSGTYPE_POSITION -> PointerPosition.decode(in);
            case TS_PTRMSGTYPE_COLOR -> ColorPointer.decode(in);
            case TS_PTRMSGTYPE_CACHED -> CachedPointer.decode(in);
            case TS_PTRMSGTYPE_POINTER -> NewPointer.decode(in);
            default -> throw RdpException.malformed("TS_POINTER_PDU", "messageType", "unknown pointer message " + messageType);
        };
    }
}
