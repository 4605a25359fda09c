package dev.porthole.rdp.protocol.pdu.gcc;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.3.2 Client Core Data (TS_UD_CS_CORE). The fields after {@code imeFileName} are
 * optional and, when present, appear in order: {@code optionalFields} says how many are encoded
 * (0..15; this client sends all 15, older peers may send fewer, the 4.1.3 example sends 10).
 * Fields that are not encoded are 0 or empty.
 */
public record ClientCoreData(
        int version, int desktopWidth, int desktopHeight, int colorDepth, int sasSequence, int keyboardLayout,
        int clientBuild, String clientName, int keyboardType, int keyboardSubType, int keyboardFunctionKey,
        String imeFileName, int optionalFields,
        int postBeta2ColorDepth, int clientProductId, int serialNumber, int highColorDepth, int supportedColorDepths,
        int earlyCapabilityFlags, String clientDigProductId, int connectionType, int serverSelectedProtocol,
        int desktopPhysicalWidth, int desktopPhysicalHeight, int desktopOrientation, int desktopScaleFactor,
        int deviceScaleFactor) {

    static final String PDU = "TS_UD_CS_CORE";

    /** RDP 4.0 = 0x00080001; RDP 5.0 and later = 0x00080004; RDP 10.x versions go up to 0x000800xx. */
    public static final int RDP_VERSION_5_PLUS = 0x00080004;
    /** RDP 10.7 (0x0008000C); a client announcing this may receive RDP 10.x server features. */
    public static final int RDP_VERSION_10_7 = 0x0008000C;

    public static final int RNS_UD_COLOR_8BPP = 0xCA01;
    public static final int RNS_UD_SAS_DEL = 0xAA03;

    public static final int RNS_UD_24BPP_SUPPORT = 0x0001;
    public static final int RNS_UD_16BPP_SUPPORT = 0x0002;
    public static final int RNS_UD_15BPP_SUPPORT = 0x0004;
    public static final int RNS_UD_32BPP_SUPPORT = 0x0008;

    public static final int RNS_UD_CS_SUPPORT_ERRINFO_PDU = 0x0001;
    public static final int RNS_UD_CS_WANT_32BPP_SESSION = 0x0002;
    public static final int RNS_UD_CS_SUPPORT_STATUSINFO_PDU = 0x0004;
    public static final int RNS_UD_CS_STRONG_ASYMMETRIC_KEYS = 0x0008;
    public static final int RNS_UD_CS_VALID_CONNECTION_TYPE = 0x0020;
    public static final int RNS_UD_CS_SUPPORT_MONITOR_LAYOUT_PDU = 0x0040;
    public static final int RNS_UD_CS_SUPPORT_NETCHAR_AUTODETECT = 0x0080;
    public static final int RNS_UD_CS_SUPPORT_DYNVC_GFX_PROTOCOL = 0x0100;
    public static final int RNS_UD_CS_SUPPORT_DYNAMIC_TIME_ZONE = 0x0200;
    public static final int RNS_UD_CS_SUPPORT_HEARTBEAT_PDU = 0x0400;
    public static final int RNS_UD_CS_SUPPORT_SKIP_CHANNELJOIN = 0x0800;

    public static final int CONNECTION_TYPE_LAN = 0x06;
    public static final int CONNECTION_TYPE_AUTODETECT = 0x07;

    /** Bytes of the mandatory part, header included. */
    public static final int MANDATORY_SIZE = 132;
    private static final int[] OPTIONAL_SIZES = {2, 2, 4, 2, 2, 2, 64, 1, 1, 4, 4, 4, 2, 4, 4};
    /** Number of optional fields defined by MS-RDPBCGR 2.2.1.3.2. */
    public static final int MAX_OPTIONAL_FIELDS = OPTIONAL_SIZES.length;

    public ClientCoreData {
        Wire.requireUnsigned(desktopWidth, 16, PDU, "desktopWidth");
        Wire.requireUnsigned(desktopHeight, 16, PDU, "desktopHeight");
        Wire.requireUnsigned(colorDepth, 16, PDU, "colorDepth");
        Wire.requireUnsigned(sasSequence, 16, PDU, "SASSequence");
        UserDataHeader.checkFixedUtf16(clientName, 32, PDU, "clientName");
        UserDataHeader.checkFixedUtf16(imeFileName, 64, PDU, "imeFileName");
        UserDataHeader.checkFixedUtf16(clientDigProductId, 64, PDU, "clientDigProductId");
        if (optionalFields < 0 || optionalFields > MAX_OPTIONAL_FIELDS) {
            throw RdpException.argument(PDU, "optionalFields", optionalFields + " outside 0.." + MAX_OPTIONAL_FIELDS);
        }
        Wire.requireUnsigned(postBeta2ColorDepth, 16, PDU, "postBeta2ColorDepth");
        Wire.requireUnsigned(clientProductId, 16, PDU, "clientProductId");
        Wire.requireUnsigned(highColorDepth, 16, PDU, "highColorDepth");
        Wire.requireUnsigned(supportedColorDepths, 16, PDU, "supportedColorDepths");
        Wire.requireUnsigned(earlyCapabilityFlags, 16, PDU, "earlyCapabilityFlags");
        Wire.requireUnsigned(connectionType, 8, PDU, "connectionType");
        Wire.requireUnsigned(desktopOrientation, 16, PDU, "desktopOrientation");
    }

    public int size() {
        int size = MANDATORY_SIZE;
        for (int i = 0; i < optionalFields; i++) {
            size += OPTIONAL_SIZES[i];
        }
        return size;
    }

    public void encode(ByteBuf out) {
        UserDataHeader.write(out, UserDataHeader.CS_CORE, size());
        out.writeIntLE(version);
        out.writeShortLE(desktopWidth);
        out.writeShortLE(desktopHeight);
        out.writeShortLE(colorDepth);
        out.writeShortLE(sasSequence);
        out.writeIntLE(keyboardLayout);
        out.writeIntLE(clientBuild);
        UserDataHeader.writeFixedUtf16(out, clientName, 32);
        out.writeIntLE(keyboardType);
        out.writeIntLE(keyboardSubType);
        out.writeIntLE(keyboardFunctionKey);
        UserDataHeader.writeFixedUtf16(out, imeFileName, 64);
        int n = optionalFields;
        if (n-- > 0) out.writeShortLE(postBeta2ColorDepth);
        if (n-- > 0) out.writeShortLE(clientProductId);
        if (n-- > 0) out.writeIntLE(serialNumber);
        if (n-- > 0) out.writeShortLE(highColorDepth);
        if (n-- > 0) out.writeShortLE(supportedColorDepths);
        if (n-- > 0) out.writeShortLE(earlyCapabilityFlags);
        if (n-- > 0) UserDataHeader.writeFixedUtf16(out, clientDigProductId, 64);
        if (n-- > 0) out.writeByte(connectionType);
        if (n-- > 0) out.writeByte(0); // pad1octet
        if (n-- > 0) out.writeIntLE(serverSelectedProtocol);
        if (n-- > 0) out.writeIntLE(desktopPhysicalWidth);
        if (n-- > 0) out.writeIntLE(desktopPhysicalHeight);
        if (n-- > 0) out.writeShortLE(desktopOrientation);
        if (n-- > 0) out.writeIntLE(desktopScaleFactor);
        if (n-- > 0) out.writeIntLE(deviceScaleFactor);
    }

    /** Decodes a block whose header has been read: {@code body} holds exactly length - 4 bytes. */
    static ClientCoreData decodeBody(ByteBuf body) {
        Wire.need(body, MANDATORY_SIZE - UserDataHeader.SIZE, PDU, "mandatory fields");
        int version = body.readIntLE();
        int w = body.readUnsignedShortLE();
        int h = body.readUnsignedShortLE();
        int colorDepth = body.readUnsignedShortLE();
        int sas = body.readUnsignedShortLE();
        int layout = body.readIntLE();
        int build = body.readIntLE();
        String name = UserDataHeader.readFixedUtf16(body, 32, PDU, "clientName");
        int kbType = body.readIntLE();
        int kbSub = body.readIntLE();
        int kbFn = body.readIntLE();
        String ime = UserDataHeader.readFixedUtf16(body, 64, PDU, "imeFileName");
        int[] v = new int[MAX_OPTIONAL_FIELDS];
        String dig = "";
        int present = 0;
        while (present < MAX_OPTIONAL_FIELDS && body.isReadable()) {
            int size = OPTIONAL_SIZES[present];
            Wire.need(body, size, PDU, "optional field " + (present + 1));
            if (present == 6) {
                dig = UserDataHeader.readFixedUtf16(body, 64, PDU, "clientDigProductId");
            } else {
                v[present] = switch (size) {
                    case 1 -> body.readUnsignedByte();
                    case 2 -> body.readUnsignedShortLE();
                    default -> body.readIntLE();
                };
            }
            present++;
        }
        // Later specification revisions may append fields; they are ignored.
        body.skipBytes(body.readableBytes());
        String digProductId = dig;
        int optional = present;
        return Wire.decoded(() -> new ClientCoreData(version, w, h, colorDepth, sas, layout, build, name, kbType, kbSub,
                kbFn, ime, optional, v[0], v[1], v[2], v[3], v[4], v[5], digProductId, v[7], v[9], v[10], v[11], v[12],
                v[13], v[14]));
    }
}
