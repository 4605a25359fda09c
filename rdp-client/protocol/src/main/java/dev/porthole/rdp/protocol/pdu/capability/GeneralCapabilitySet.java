package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.1.1 General Capability Set: platform, protocol version and the extra flags (fast-path output, long
 * credentials, auto-reconnect, salted MAC, no bitmap compression header); the server also says whether it
 * supports Refresh Rect and Suppress Output. The padding field is written as zero and ignored on read.
 */
public record GeneralCapabilitySet(int osMajorType, int osMinorType, int protocolVersion, int compressionTypes, int extraFlags, int updateCapabilityFlag, int remoteUnshareFlag, int compressionLevel, int refreshRectSupport, int suppressOutputSupport) implements CapabilitySet {

    static final String PDU = "TS_GENERAL_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 20;
    public static final int OSMAJORTYPE_UNSPECIFIED = 0x0000;
    public static final int OSMAJORTYPE_WINDOWS = 0x0001;
    public static final int OSMAJORTYPE_MACINTOSH = 0x0003;
    public static final int OSMAJORTYPE_UNIX = 0x0004;
    public static final int OSMAJORTYPE_IOS = 0x0005;
    public static final int OSMAJORTYPE_OSX = 0x0006;
    public static final int OSMAJORTYPE_ANDROID = 0x0007;
    public static final int OSMAJORTYPE_CHROME_OS = 0x0008;
    public static final int OSMINORTYPE_UNSPECIFIED = 0x0000;
    public static final int OSMINORTYPE_WINDOWS_NT = 0x0003;
    public static final int OSMINORTYPE_POWER_PC = 0x0005;
    public static final int OSMINORTYPE_MACINTOSH = 0x0006;
    public static final int OSMINORTYPE_NATIVE_XSERVER = 0x0007;
    public static final int OSMINORTYPE_PSEUDO_XSERVER = 0x0008;
    public static final int TS_CAPS_PROTOCOLVERSION = 0x0200;
    public static final int FASTPATH_OUTPUT_SUPPORTED = 0x0001;
    public static final int LONG_CREDENTIALS_SUPPORTED = 0x0004;
    public static final int AUTORECONNECT_SUPPORTED = 0x0008;
    public static final int ENC_SALTED_CHECKSUM = 0x0010;
    public static final int NO_BITMAP_COMPRESSION_HDR = 0x0400;

    public GeneralCapabilitySet {
        Wire.requireUnsigned(osMajorType, 16, PDU, "osMajorType");
        Wire.requireUnsigned(osMinorType, 16, PDU, "osMinorType");
        Wire.requireUnsigned(protocolVersion, 16, PDU, "protocolVersion");
        Wire.requireUnsigned(compressionTypes, 16, PDU, "compressionTypes");
        Wire.requireUnsigned(extraFlags, 16, PDU, "extraFlags");
        Wire.requireUnsigned(updateCapabilityFlag, 16, PDU, "updateCapabilityFlag");
        Wire.requireUnsigned(remoteUnshareFlag, 16, PDU, "remoteUnshareFlag");
        Wire.requireUnsigned(compressionLevel, 16, PDU, "compressionLevel");
        Wire.requireUnsigned(refreshRectSupport, 8, PDU, "refreshRectSupport");
        Wire.requireUnsigned(suppressOutputSupport, 8, PDU, "suppressOutputSupport");
    }

    @Override
    public int type() {
        return CAPSTYPE_GENERAL;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(osMajorType);
        out.writeShortLE(osMinorType);
        out.writeShortLE(protocolVersion);
        out.writeZero(2); // pad2octetsA
        out.writeShortLE(compressionTypes);
        out.writeShortLE(extraFlags);
        out.writeShortLE(updateCapabilityFlag);
        out.writeShortLE(remoteUnshareFlag);
        out.writeShortLE(compressionLevel);
        out.writeByte(refreshRectSupport);
        out.writeByte(suppressOutputSupport);
    }

    static GeneralCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int osMajorType = body.readUnsignedShortLE();
        int osMinorType = body.readUnsignedShortLE();
        int protocolVersion = body.readUnsignedShortLE();
        body.skipBytes(2); // pad2octetsA
        int compressionTypes = body.readUnsignedShortLE();
        int extraFlags = body.readUnsignedShortLE();
        int updateCapabilityFlag = body.readUnsignedShortLE();
        int remoteUnshareFlag = body.readUnsignedShortLE();
        int compressionLevel = body.readUnsignedShortLE();
        int refreshRectSupport = body.readUnsignedByte();
        int suppressOutputSupport = body.readUnsignedByte();
        return Wire.decoded(() -> new GeneralCapabilitySet(osMajorType, osMinorType, protocolVersion, compressionTypes, extraFlags, updateCapabilityFlag, remoteUnshareFlag, compressionLevel, refreshRectSupport, suppressOutputSupport));
    }
}
