package dev.porthole.rdp.protocol.pdu.fastpath;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.8.1.2.2 Fast-Path Input Event (TS_FP_INPUT_EVENT): an eventHeader byte (eventFlags in
 * bits 0-4, eventCode in bits 5-7) and the event's data, little-endian.
 */
public sealed interface FastPathInputEvent {

    String PDU = "TS_FP_INPUT_EVENT";

    int FASTPATH_INPUT_EVENT_SCANCODE = 0x0;
    int FASTPATH_INPUT_EVENT_MOUSE = 0x1;
    int FASTPATH_INPUT_EVENT_MOUSEX = 0x2;
    int FASTPATH_INPUT_EVENT_SYNC = 0x3;
    int FASTPATH_INPUT_EVENT_UNICODE = 0x4;
    int FASTPATH_INPUT_EVENT_MOUSEREL = 0x5;
    int FASTPATH_INPUT_EVENT_QOE_TIMESTAMP = 0x6;

    int FASTPATH_INPUT_KBDFLAGS_RELEASE = 0x01;
    int FASTPATH_INPUT_KBDFLAGS_EXTENDED = 0x02;
    int FASTPATH_INPUT_KBDFLAGS_EXTENDED1 = 0x04;

    int eventCode();

    /** The eventFlags of the eventHeader; 0 for the events that carry none. */
    default int eventFlags() {
        return 0;
    }

    /** Bytes after the eventHeader. */
    int dataSize();

    void encodeData(ByteBuf out);

    default int size() {
        return 1 + dataSize();
    }

    default void encode(ByteBuf out) {
        out.writeByte(eventFlags() | eventCode() << 5);
        encodeData(out);
    }

    static FastPathInputEvent decode(ByteBuf in, int index) {
        String field = "fpInputEvents[" + index + "]";
        Wire.need(in, 1, PDU, field + ".eventHeader");
        int header = in.readUnsignedByte();
        int flags = header & 0x1F;
        int code = header >>> 5;
        return switch (code) {
            case FASTPATH_INPUT_EVENT_SCANCODE -> {
                Wire.need(in, 1, PDU, field + ".keyCode");
                yield new KeyboardEvent(in.readUnsignedByte(), (flags & FASTPATH_INPUT_KBDFLAGS_RELEASE) != 0,
                        (flags & FASTPATH_INPUT_KBDFLAGS_EXTENDED) != 0, (flags & FASTPATH_INPUT_KBDFLAGS_EXTENDED1) != 0);
            }
            case FASTPATH_INPUT_EVENT_UNICODE -> {
                Wire.need(in, 2, PDU, field + ".unicodeCode");
                yield new UnicodeKeyboardEvent(in.readUnsignedShortLE(), (flags & FASTPATH_INPUT_KBDFLAGS_RELEASE) != 0);
            }
            case FASTPATH_INPUT_EVENT_MOUSE -> {
                Wire.need(in, 6, PDU, field + ".pointerFlags/xPos/yPos");
                yield new MouseEvent(in.readUnsignedShortLE(), in.readUnsignedShortLE(), in.readUnsignedShortLE());
            }
            case FASTPATH_INPUT_EVENT_MOUSEX -> {
                Wire.need(in, 6, PDU, field + ".pointerFlags/xPos/yPos");
                yield new ExtendedMouseEvent(in.readUnsignedShortLE(), in.readUnsignedShortLE(), in.readUnsignedShortLE());
            }
            case FASTPATH_INPUT_EVENT_SYNC -> new SynchronizeEvent(flags);
            case FASTPATH_INPUT_EVENT_MOUSEREL -> {
                Wire.need(in, 6, PDU, field + ".pointerFlags/xDelta/yDelta");
                yield new RelativeMouseEvent(in.readUnsignedShortLE(), in.readShortLE(), in.readShortLE());
            }
            case FASTPATH_INPUT_EVENT_QOE_TIMESTAMP -> {
                Wire.need(in, 4, PDU, field + ".timestamp");
                yield new QoeTimestampEvent(in.readIntLE());
            }
            default -> throw RdpException.malformed(PDU, field + ".eventCode", "unknown event code " + code);
        };
    }

    /**
     * MS-RDPBCGR 2.2.8.1.2.2.1 Fast-Path Keyboard Event (TS_FP_KEYBOARD_EVENT): a set-1 scancode, pressed
     * or released, with the extended (E0) or extended1 (E1, Pause) prefix.
     */
    record KeyboardEvent(int keyCode, boolean released, boolean extended, boolean extended1) implements FastPathInputEvent {
        public KeyboardEvent {
            Wire.requireUnsigned(keyCode, 8, "TS_FP_KEYBOARD_EVENT", "keyCode");
        }

        public static KeyboardEvent press(int scancode, boolean extended) {
            return new KeyboardEvent(scancode, false, extended, false);
        }

        public static KeyboardEvent release(int scancode, boolean extended) {
            return new KeyboardEvent(scancode, true, extended, false);
        }

        public int eventCode() {
            return FASTPATH_INPUT_EVENT_SCANCODE;
        }

        public int eventFlags() {
            return (released ? FASTPATH_INPUT_KBDFLAGS_RELEASE : 0) | (extended ? FASTPATH_INPUT_KBDFLAGS_EXTENDED : 0)
                    | (extended1 ? FASTPATH_INPUT_KBDFLAGS_EXTENDED1 : 0);
        }

        public int dataSize() {
            return 1;
        }

        public void encodeData(ByteBuf out) {
            out.writeByte(keyCode);
        }
    }

    /** MS-RDPBCGR 2.2.8.1.2.2.2 Fast-Path Unicode Keyboard Event (TS_FP_UNICODE_KEYBOARD_EVENT): one UTF-16 code unit. */
    record UnicodeKeyboardEvent(int unicodeCode, boolean released) implements FastPathInputEvent {
        public UnicodeKeyboardEvent {
            Wire.requireUnsigned(unicodeCode, 16, "TS_FP_UNICODE_KEYBOARD_EVENT", "unicodeCode");
        }

        public int eventCode() {
            return FASTPATH_INPUT_EVENT_UNICODE;
        }

        public int eventFlags() {
            return released ? FASTPATH_INPUT_KBDFLAGS_RELEASE : 0;
        }

        public int dataSize() {
            return 2;
        }

        public void encodeData(ByteBuf out) {
            out.writeShortLE(unicodeCode);
        }
    }

    /**
     * MS-RDPBCGR 2.2.8.1.2.2.3 Fast-Path Mouse Event (TS_FP_POINTER_EVENT), pointerFlags as in
     * TS_POINTER_EVENT (2.2.8.1.1.3.1.1.3): a move, a press or release of buttons 1-3, or a vertical or
     * horizontal wheel rotation. The rotation is a 9-bit two's complement value (WheelRotationMask 0x01FF,
     * PTRFLAGS_WHEEL_NEGATIVE being its sign bit): -256..255 units, 120 per notch; position fields are
     * ignored by the server for wheel events.
     */
    record MouseEvent(int pointerFlags, int xPos, int yPos) implements FastPathInputEvent {
        public static final int PTRFLAGS_HWHEEL = 0x0400;
        public static final int PTRFLAGS_WHEEL = 0x0200;
        public static final int PTRFLAGS_WHEEL_NEGATIVE = 0x0100;
        public static final int WHEEL_ROTATION_MASK = 0x01FF;
        public static final int PTRFLAGS_MOVE = 0x0800;
        public static final int PTRFLAGS_DOWN = 0x8000;
        public static final int PTRFLAGS_BUTTON1 = 0x1000;
        public static final int PTRFLAGS_BUTTON2 = 0x2000;
        public static final int PTRFLAGS_BUTTON3 = 0x4000;
        /** One notch of a standard wheel (WHEEL_DELTA). */
        public static final int WHEEL_DELTA = 120;

        public MouseEvent {
            Wire.requireUnsigned(pointerFlags, 16, "TS_FP_POINTER_EVENT", "pointerFlags");
            Wire.requireUnsigned(xPos, 16, "TS_FP_POINTER_EVENT", "xPos");
            Wire.requireUnsigned(yPos, 16, "TS_FP_POINTER_EVENT", "yPos");
        }

        public static MouseEvent move(int x, int y) {
            return new MouseEvent(PTRFLAGS_MOVE, x, y);
        }

        /** Press ({@code down}) or release of button 1 (left), 2 (right) or 3 (middle) at (x, y). */
        public static MouseEvent button(int button, boolean down, int x, int y) {
            int flag = switch (button) {
                case 1 -> PTRFLAGS_BUTTON1;
                case 2 -> PTRFLAGS_BUTTON2;
                case 3 -> PTRFLAGS_BUTTON3;
                default -> throw RdpException.argument("TS_FP_POINTER_EVENT", "pointerFlags",
                        "button " + button + " is not 1-3; buttons 4 and 5 are ExtendedMouseEvent");
            };
            return new MouseEvent(flag | (down ? PTRFLAGS_DOWN : 0), x, y);
        }

        /** A vertical wheel rotation of {@code rotation} units (positive: away from the user). */
        public static MouseEvent wheel(int rotation, int x, int y) {
            return new MouseEvent(PTRFLAGS_WHEEL | rotationBits(rotation), x, y);
        }

        /** A horizontal wheel rotation of {@code rotation} units (positive: to the right). */
        public static MouseEvent horizontalWheel(int rotation, int x, int y) {
            return new MouseEvent(PTRFLAGS_HWHEEL | rotationBits(rotation), x, y);
        }

        private static int rotationBits(int rotation) {
            if (rotation < -256 || rotation > 255) {
                throw RdpException.argument("TS_FP_POINTER_EVENT", "WheelRotationMask", rotation + " outside -256..255");
            }
            return rotation & WHEEL_ROTATION_MASK; // 9-bit two's complement; bit 8 is PTRFLAGS_WHEEL_NEGATIVE
        }

        public boolean isWheel() {
            return (pointerFlags & (PTRFLAGS_WHEEL | PTRFLAGS_HWHEEL)) != 0;
        }

        /** The signed rotation of a wheel event; PTRFLAGS_WHEEL takes precedence over PTRFLAGS_HWHEEL. */
        public int wheelRotation() {
            int bits = pointerFlags & WHEEL_ROTATION_MASK;
            return (bits & PTRFLAGS_WHEEL_NEGATIVE) != 0 ? bits - 0x200 : bits;
        }

        public int eventCode() {
            return FASTPATH_INPUT_EVENT_MOUSE;
        }

        public int dataSize() {
            return 6;
        }

        public void encodeData(ByteBuf out) {
            out.writeShortLE(pointerFlags);
            out.writeShortLE(xPos);
            out.writeShortLE(yPos);
        }
    }

    /** MS-RDPBCGR 2.2.8.1.2.2.4 Fast-Path Extended Mouse Event (TS_FP_POINTERX_EVENT): buttons 4 and 5. */
    record ExtendedMouseEvent(int pointerFlags, int xPos, int yPos) implements FastPathInputEvent {
        public static final int PTRXFLAGS_DOWN = 0x8000;
        public static final int PTRXFLAGS_BUTTON1 = 0x0001;
        public static final int PTRXFLAGS_BUTTON2 = 0x0002;

        public ExtendedMouseEvent {
            Wire.requireUnsigned(pointerFlags, 16, "TS_FP_POINTERX_EVENT", "pointerFlags");
            Wire.requireUnsigned(xPos, 16, "TS_FP_POINTERX_EVENT", "xPos");
            Wire.requireUnsigned(yPos, 16, "TS_FP_POINTERX_EVENT", "yPos");
        }

        /** Press ({@code down}) or release of button 4 (back) or 5 (forward) at (x, y). */
        public static ExtendedMouseEvent button(int button, boolean down, int x, int y) {
            int flag = switch (button) {
                case 4 -> PTRXFLAGS_BUTTON1;
                case 5 -> PTRXFLAGS_BUTTON2;
                default -> throw RdpException.argument("TS_FP_POINTERX_EVENT", "pointerFlags", "button " + button + " is not 4 or 5");
            };
            return new ExtendedMouseEvent(flag | (down ? PTRXFLAGS_DOWN : 0), x, y);
        }

        public int eventCode() {
            return FASTPATH_INPUT_EVENT_MOUSEX;
        }

        public int dataSize() {
            return 6;
        }

        public void encodeData(ByteBuf out) {
            out.writeShortLE(pointerFlags);
            out.writeShortLE(xPos);
            out.writeShortLE(yPos);
        }
    }

    /**
     * MS-RDPBCGR 2.2.8.1.2.2.5 Fast-Path Synchronize Event (TS_FP_SYNC_EVENT): the lock keys' state, in the
     * eventFlags; sent after focus returns so the server's toggles match the keyboard.
     */
    record SynchronizeEvent(int toggleFlags) implements FastPathInputEvent {
        public static final int FASTPATH_INPUT_SYNC_SCROLL_LOCK = 0x01;
        public static final int FASTPATH_INPUT_SYNC_NUM_LOCK = 0x02;
        public static final int FASTPATH_INPUT_SYNC_CAPS_LOCK = 0x04;
        public static final int FASTPATH_INPUT_SYNC_KANA_LOCK = 0x08;

        public SynchronizeEvent {
            Wire.requireUnsigned(toggleFlags, 5, "TS_FP_SYNC_EVENT", "eventFlags");
        }

        public static SynchronizeEvent of(boolean scrollLock, boolean numLock, boolean capsLock, boolean kanaLock) {
            return new SynchronizeEvent((scrollLock ? FASTPATH_INPUT_SYNC_SCROLL_LOCK : 0)
                    | (numLock ? FASTPATH_INPUT_SYNC_NUM_LOCK : 0) | (capsLock ? FASTPATH_INPUT_SYNC_CAPS_LOCK : 0)
                    | (kanaLock ? FASTPATH_INPUT_SYNC_KANA_LOCK : 0));
        }

        public int eventCode() {
            return FASTPATH_INPUT_EVENT_SYNC;
        }

        public int eventFlags() {
            return toggleFlags;
        }

        public int dataSize() {
            return 0;
        }

        public void encodeData(ByteBuf out) {
            // the flags are in the event header
        }
    }

    /** MS-RDPBCGR 2.2.8.1.2.2.7 Fast-Path Relative Mouse Event (TS_FP_RELPOINTER_EVENT): signed deltas. */
    record RelativeMouseEvent(int pointerFlags, int xDelta, int yDelta) implements FastPathInputEvent {
        public RelativeMouseEvent {
            Wire.requireUnsigned(pointerFlags, 16, "TS_FP_RELPOINTER_EVENT", "pointerFlags");
            if (xDelta < Short.MIN_VALUE || xDelta > Short.MAX_VALUE || yDelta < Short.MIN_VALUE || yDelta > Short.MAX_VALUE) {
                throw RdpException.argument("TS_FP_RELPOINTER_EVENT", "xDelta/yDelta", "must fit 16 signed bits");
            }
        }

        public int eventCode() {
            return FASTPATH_INPUT_EVENT_MOUSEREL;
        }

        public int dataSize() {
            return 6;
        }

        public void encodeData(ByteBuf out) {
            out.writeShortLE(pointerFlags);
            out.writeShortLE(xDelta);
            out.writeShortLE(yDelta);
        }
    }

    /**
     * MS-RDPBCGR 2.2.8.1.2.2.6 Fast-Path Quality of Experience Timestamp Event (TS_FP_QOETIMESTAMP_EVENT):
     * milliseconds on a client clock, passed in by the caller (this module reads no clock).
     */
    record QoeTimestampEvent(int timestamp) implements FastPathInputEvent {
        public int eventCode() {
            return FASTPATH_INPUT_EVENT_QOE_TIMESTAMP;
        }

        public int dataSize() {
            return 4;
        }

        public void encodeData(ByteBuf out) {
            out.writeIntLE(timestamp);
        }
    }
}
