package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.1.4.3 System Pointer Update (TS_SYSTEMPOINTERATTRIBUTE): hide the pointer
 * (SYSPTR_NULL) or show the default one (SYSPTR_DEFAULT). On the fast path these are the updates
 * PTR_NULL and PTR_DEFAULT without data (2.2.9.1.2.1.5, 2.2.9.1.2.1.6).
 */
public record SystemPointer(int systemPointerType) implements PointerUpdate {

    static final String PDU = "TS_SYSTEMPOINTERATTRIBUTE";
    public static final int SYSPTR_NULL = 0x00000000;
    public static final int SYSPTR_DEFAULT = 0x00007F00;

    public boolean hidden() {
        return systemPointerType == SYSPTR_NULL;
    }

    @Override
    public int messageType() {
        return TS_PTRMSGTYPE_SYSTEM;
    }

    @Override
    public int slowPathSize() {
        return 4;
    }

    @Override
    public void encodeSlowPath(ByteBuf out) {
        out.writeIntLE(systemPointerType);
    }

    @Override
    public int fastPathUpdateCode() {
        return switch (systemPointerType) {
            case SYSPTR_NULL -> FASTPATH_UPDATETYPE_PTR_NULL;
            case SYSPTR_DEFAULT -> FASTPATH_UPDATETYPE_PTR_DEFAULT;
            default -> throw RdpException.argument(PDU, "systemPointerType",
                    "0x" + Integer.toHexString(systemPointerType) + " has no fast-path form");
        };
    }

    @Override
    public int fastPathSize() {
        return 0;
    }

    @Override
    public void encodeFastPath(ByteBuf out) {
        // the update code says it all
    }
}
