package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Utf16;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.1.6 Input Capability Set (TS_INPUT_CAPABILITYSET): which input events are
 * understood (scancodes, Unicode, extended mouse buttons, horizontal wheel, fast-path, QoE timestamps)
 * and the client keyboard. The IME file name is a 64-byte UTF-16 field read up to its first NUL; what a
 * server leaves after the NUL is not kept. Padding is written as zero.
 */
public record InputCapabilitySet(int inputFlags, int keyboardLayout, int keyboardType, int keyboardSubType,
                                 int keyboardFunctionKey, String imeFileName) implements CapabilitySet {

    static final String PDU = "TS_INPUT_CAPABILITYSET";
    public static final int BODY_SIZE = 84;

    public static final int INPUT_FLAG_SCANCODES = 0x0001;
    public static final int INPUT_FLAG_MOUSEX = 0x0004;
    public static final int INPUT_FLAG_FASTPATH_INPUT = 0x0008;
    public static final int INPUT_FLAG_UNICODE = 0x0010;
    public static final int INPUT_FLAG_FASTPATH_INPUT2 = 0x0020;
    public static final int INPUT_FLAG_UNUSED1 = 0x0040;
    public static final int INPUT_FLAG_MOUSE_RELATIVE = 0x0080;
    public static final int TS_INPUT_FLAG_MOUSE_HWHEEL = 0x0100;
    public static final int TS_INPUT_FLAG_QOE_TIMESTAMPS = 0x0200;

    public InputCapabilitySet {
        Wire.requireUnsigned(inputFlags, 16, PDU, "inputFlags");
        Utf16.check(imeFileName, 64, false, PDU, "imeFileName");
    }

    @Override
    public int type() {
        return CAPSTYPE_INPUT;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(inputFlags);
        out.writeZero(2); // pad2octetsA
        out.writeIntLE(keyboardLayout);
        out.writeIntLE(keyboardType);
        out.writeIntLE(keyboardSubType);
        out.writeIntLE(keyboardFunctionKey);
        Utf16.writeFixed(out, imeFileName, 64);
    }

    static InputCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int flags = body.readUnsignedShortLE();
        body.skipBytes(2); // pad2octetsA
        int layout = body.readIntLE();
        int kbType = body.readIntLE();
        int kbSubType = body.readIntLE();
        int fnKeys = body.readIntLE();
        String ime = Utf16.read(body, 64, PDU, "imeFileName");
        return new InputCapabilitySet(flags, layout, kbType, kbSubType, fnKeys, ime);
    }
}
