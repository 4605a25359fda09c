package dev.porthole.rdp.protocol.pdu.rdp;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.8.1.1.3.1 Client Input Event PDU Data (TS_INPUT_PDU_DATA), the slow-path input for
 * servers without fast-path input: a count and 12-byte TS_INPUT_EVENT records (2.2.8.1.1.3.1.1), each an
 * eventTime, a messageType and six bytes of event data. This client prefers fast-path input
 * ({@code pdu.fastpath.FastPathInputPdu}); the slow-path form is kept minimal: the event data is three
 * little-endian 16-bit words whose meaning depends on the messageType (keyboard: flags, keyCode, pad;
 * Unicode: flags, unicodeCode, pad; mouse and extended mouse: pointerFlags, xPos, yPos; relative mouse:
 * pointerFlags, xDelta, yDelta; synchronize: pad, then toggleFlags as words 1 and 2).
 */
public record InputPdu(List<Event> events) implements ShareData {

    static final String PDU = "TS_INPUT_PDU_DATA";

    public static final int INPUT_EVENT_SYNC = 0x0000;
    public static final int INPUT_EVENT_UNUSED = 0x0002;
    public static final int INPUT_EVENT_SCANCODE = 0x0004;
    public static final int INPUT_EVENT_UNICODE = 0x0005;
    public static final int INPUT_EVENT_MOUSE = 0x8001;
    public static final int INPUT_EVENT_MOUSEX = 0x8002;
    public static final int INPUT_EVENT_MOUSEREL = 0x8004;

    public static final int KBDFLAGS_EXTENDED = 0x0100;
    public static final int KBDFLAGS_EXTENDED1 = 0x0200;
    public static final int KBDFLAGS_DOWN = 0x4000;
    public static final int KBDFLAGS_RELEASE = 0x8000;

    /** MS-RDPBCGR 2.2.8.1.1.3.1.1 Slow-Path Input Event (TS_INPUT_EVENT). */
    public record Event(int eventTime, int messageType, int word0, int word1, int word2) {
        public static final int SIZE = 12;

        public Event {
            Wire.requireUnsigned(messageType, 16, PDU, "messageType");
            Wire.requireUnsigned(word0, 16, PDU, "eventData");
            Wire.requireUnsigned(word1, 16, PDU, "eventData");
            Wire.requireUnsigned(word2, 16, PDU, "eventData");
        }

        /** Keyboard event (2.2.8.1.1.3.1.1.1): KBDFLAGS_* and the scancode. */
        public static Event keyboard(int eventTime, int keyboardFlags, int keyCode) {
            return new Event(eventTime, INPUT_EVENT_SCANCODE, keyboardFlags, keyCode, 0);
        }

        /** Mouse event (2.2.8.1.1.3.1.1.3), pointerFlags as in the fast-path mouse event. */
        public static Event mouse(int eventTime, int pointerFlags, int x, int y) {
            return new Event(eventTime, INPUT_EVENT_MOUSE, pointerFlags, x, y);
        }

        /** Synchronize event (2.2.8.1.1.3.1.1.5): the lock key toggle flags (TS_SYNC_*). */
        public static Event synchronize(int eventTime, int toggleFlags) {
            return new Event(eventTime, INPUT_EVENT_SYNC, 0, toggleFlags & 0xFFFF, toggleFlags >>> 16);
        }

        void encode(ByteBuf out) {
            out.writeIntLE(eventTime);
            out.writeShortLE(messageType);
            out.writeShortLE(word0);
            out.writeShortLE(word1);
            out.writeShortLE(word2);
        }
    }

    public InputPdu {
        if (events == null || events.size() > 0xFFFF) {
            throw RdpException.argument(PDU, "numEvents", "must be at most 65535 events");
        }
        events = List.copyOf(events);
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_INPUT;
    }

    @Override
    public int bodySize() {
        return 4 + Event.SIZE * events.size();
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(events.size());
        out.writeShortLE(0); // pad2Octets
        for (Event e : events) {
            e.encode(out);
        }
    }

    static InputPdu decodeBody(ByteBuf body) {
        Wire.need(body, 4, PDU, "numEvents");
        int count = body.readUnsignedShortLE();
        body.skipBytes(2);
        Wire.need(body, count * Event.SIZE, PDU, "slowPathInputEvents");
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(new Event(body.readIntLE(), body.readUnsignedShortLE(), body.readUnsignedShortLE(),
                    body.readUnsignedShortLE(), body.readUnsignedShortLE()));
        }
        return new InputPdu(events);
    }
}
