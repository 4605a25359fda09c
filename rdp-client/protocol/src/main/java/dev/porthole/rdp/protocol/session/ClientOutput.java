package dev.porthole.rdp.protocol.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ClientCapabilities;
import dev.porthole.rdp.protocol.pdu.capability.CapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.FrameAcknowledgeCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.GeneralCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.InputCapabilitySet;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputEvent;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputEvent.ExtendedMouseEvent;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputEvent.KeyboardEvent;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputEvent.MouseEvent;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputEvent.SynchronizeEvent;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputEvent.UnicodeKeyboardEvent;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputPdu;
import dev.porthole.rdp.protocol.pdu.rdp.DemandActivePdu;
import dev.porthole.rdp.protocol.pdu.rdp.FrameAcknowledgePdu;
import dev.porthole.rdp.protocol.pdu.rdp.InputPdu;
import dev.porthole.rdp.protocol.pdu.rdp.Rectangle16;
import dev.porthole.rdp.protocol.pdu.rdp.RefreshRectPdu;
import dev.porthole.rdp.protocol.pdu.rdp.ShareData;
import dev.porthole.rdp.protocol.pdu.rdp.SuppressOutputPdu;
import dev.porthole.rdp.protocol.surface.Rect;

/**
 * What the client sends in an active session besides channel data, sans-I/O: user input, Suppress Output,
 * Refresh Rect and Frame Acknowledge PDUs, chosen by what the server's Demand Active PDU offered. Immutable
 * and thread-safe; every method returns a PDU (no buffers), which the driver encodes and writes:
 * a {@link FastPath} as it is (MS-RDPBCGR 2.2.8.1.2), {@link ShareData} through the connector's
 * {@code encodeShareData}.
 *
 * <ul>
 *   <li>Input goes fast-path when the server's Input Capability Set (2.2.7.1.6) has INPUT_FLAG_FASTPATH_INPUT
 *       or INPUT_FLAG_FASTPATH_INPUT2, else as a slow-path Input Event PDU (2.2.8.1.1.3).</li>
 *   <li>Buttons 4 and 5 need INPUT_FLAG_MOUSEX, the horizontal wheel TS_INPUT_FLAG_MOUSE_HWHEEL, Unicode
 *       input INPUT_FLAG_UNICODE; without them the call fails with {@link RdpException.Kind#UNSUPPORTED}.</li>
 *   <li>Refresh Rect and Suppress Output need the server's refreshRectSupport / suppressOutputSupport
 *       (General Capability Set, 2.2.7.1.1).</li>
 *   <li>Frame markers are acknowledged (MS-RDPRFX 2.2.3.1) when both sides sent the Frame Acknowledge
 *       Capability Set (MS-RDPRFX 2.2.1.3).</li>
 * </ul>
 */
public final class ClientOutput {

    /** A fast-path input PDU, written to the transport as it is. */
    public record FastPath(FastPathInputPdu pdu) implements Input {}

    /** A slow-path input PDU, sent as share data on the I/O channel. */
    public record SlowPath(InputPdu pdu) implements Input {}

    /** Encoded input, one form or the other. */
    public sealed interface Input permits FastPath, SlowPath {}

    private static final String INPUT = "client input";

    private final int inputFlags;
    private final boolean refreshRect;
    private final boolean suppressOutput;
    private final boolean frameAcks;
    private final int width;
    private final int height;

    /**
     * @param serverInputFlags    inputFlags of the server's Input Capability Set (0 when it sent none)
     * @param refreshRect         the server's refreshRectSupport
     * @param suppressOutput      the server's suppressOutputSupport
     * @param frameAcknowledge    both sides advertised the Frame Acknowledge Capability Set
     * @param width               desktop width
     * @param height              desktop height
     */
    public ClientOutput(int serverInputFlags, boolean refreshRect, boolean suppressOutput, boolean frameAcknowledge,
                        int width, int height) {
        if (width < 1 || height < 1 || width > 0x10000 || height > 0x10000) {
            throw RdpException.argument(INPUT, "desktop", width + "x" + height + " is not a desktop size");
        }
        this.inputFlags = serverInputFlags;
        this.refreshRect = refreshRect;
        this.suppressOutput = suppressOutput;
        this.frameAcks = frameAcknowledge;
        this.width = width;
        this.height = height;
    }

    /** The output for the server that sent {@code demand}, with the desktop size it granted. */
    public static ClientOutput forServer(DemandActivePdu demand, int width, int height) {
        InputCapabilitySet input = demand.capability(InputCapabilitySet.class);
        GeneralCapabilitySet general = demand.capability(GeneralCapabilitySet.class);
        boolean clientAcks = false;
        for (CapabilitySet c : ClientCapabilities.of(width, height, 32, 0x409)) {
            clientAcks |= c instanceof FrameAcknowledgeCapabilitySet;
        }
        return new ClientOutput(input == null ? 0 : input.inputFlags(),
                general != null && general.refreshRectSupport() != 0, general != null && general.suppressOutputSupport() != 0,
                clientAcks && demand.capability(FrameAcknowledgeCapabilitySet.class) != null, width, height);
    }

    /** The same output, but with input always in slow-path Input Event PDUs (2.2.8.1.1.3). */
    public ClientOutput withoutFastPathInput() {
        return new ClientOutput(inputFlags & ~(InputCapabilitySet.INPUT_FLAG_FASTPATH_INPUT | InputCapabilitySet.INPUT_FLAG_FASTPATH_INPUT2),
                refreshRect, suppressOutput, frameAcks, width, height);
    }

    public boolean fastPathInput() {
        return (inputFlags & (InputCapabilitySet.INPUT_FLAG_FASTPATH_INPUT | InputCapabilitySet.INPUT_FLAG_FASTPATH_INPUT2)) != 0;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A set-1 scancode pressed ({@code down}) or released; {@code extended} is the E0 prefix (KBDFLAGS_EXTENDED). */
    public Input key(int scancode, boolean extended, boolean down) {
        if (scancode < 0 || scancode > 0xFF) {
            throw RdpException.argument(INPUT, "keyCode", "scancode " + scancode + " is not 0..255");
        }
        if (fastPathInput()) {
            return fast(new KeyboardEvent(scancode, !down, extended, false));
        }
        int flags = (extended ? InputPdu.KBDFLAGS_EXTENDED : 0) | (down ? 0 : InputPdu.KBDFLAGS_RELEASE);
        return slow(InputPdu.Event.keyboard(0, flags, scancode));
    }

    /**
     * The Pause key, which has no release of its own: set-1 sends E1 1D 45 (and the E1-prefixed break
     * codes) on the press. In RDP that is Ctrl (0x1D) with KBDFLAGS_EXTENDED1 followed by NumLock (0x45),
     * both pressed and then both released, in one PDU (MS-RDPBCGR 2.2.8.1.2.2.1 / 2.2.8.1.1.3.1.1.1).
     */
    public Input pause() {
        int ctrl = 0x1D;
        int numLock = 0x45;
        if (fastPathInput()) {
            return new FastPath(new FastPathInputPdu(List.of(new KeyboardEvent(ctrl, false, false, true),
                    new KeyboardEvent(numLock, false, false, false), new KeyboardEvent(ctrl, true, false, true),
                    new KeyboardEvent(numLock, true, false, false))));
        }
        return new SlowPath(new InputPdu(List.of(InputPdu.Event.keyboard(0, InputPdu.KBDFLAGS_EXTENDED1, ctrl),
                InputPdu.Event.keyboard(0, 0, numLock),
                InputPdu.Event.keyboard(0, InputPdu.KBDFLAGS_EXTENDED1 | InputPdu.KBDFLAGS_RELEASE, ctrl),
                InputPdu.Event.keyboard(0, InputPdu.KBDFLAGS_RELEASE, numLock))));
    }

    /** One UTF-16 code unit pressed or released (MS-RDPBCGR 2.2.8.1.2.2.2 / 2.2.8.1.1.3.1.1.2). */
    public Input unicode(int codeUnit, boolean down) {
        if (codeUnit < 0 || codeUnit > 0xFFFF) {
            throw RdpException.argument(INPUT, "unicodeCode", codeUnit + " is not a UTF-16 code unit");
        }
        require(InputCapabilitySet.INPUT_FLAG_UNICODE, "Unicode keyboard input (INPUT_FLAG_UNICODE)");
        if (fastPathInput()) {
            return fast(new UnicodeKeyboardEvent(codeUnit, !down));
        }
        return slow(new InputPdu.Event(0, InputPdu.INPUT_EVENT_UNICODE, down ? 0 : InputPdu.KBDFLAGS_RELEASE, codeUnit, 0));
    }

    /** The pointer moved to (x, y). */
    public Input move(int x, int y) {
        return mouse(MouseEvent.PTRFLAGS_MOVE, x, y);
    }

    /** Button 1 (left), 2 (right), 3 (middle), 4 (back) or 5 (forward) pressed or released at (x, y). */
    public Input button(int button, boolean down, int x, int y) {
        position(x, y);
        if (button == 4 || button == 5) {
            require(InputCapabilitySet.INPUT_FLAG_MOUSEX, "mouse buttons 4 and 5 (INPUT_FLAG_MOUSEX)");
            ExtendedMouseEvent e = ExtendedMouseEvent.button(button, down, x, y);
            return fastPathInput() ? fast(e)
                    : slow(new InputPdu.Event(0, InputPdu.INPUT_EVENT_MOUSEX, e.pointerFlags(), x, y));
        }
        if (button < 1 || button > 5) {
            throw RdpException.argument(INPUT, "pointerFlags", "button " + button + " is not 1..5");
        }
        return mouse(MouseEvent.button(button, down, x, y).pointerFlags(), x, y);
    }

    /**
     * A wheel rotation of {@code delta} units (120 per notch; positive: away from the user, or to the right
     * when {@code horizontal}), split into events of at most one notch (a single event holds -256..255).
     */
    public Input wheel(boolean horizontal, int delta, int x, int y) {
        position(x, y);
        if (horizontal) {
            require(InputCapabilitySet.TS_INPUT_FLAG_MOUSE_HWHEEL, "the horizontal wheel (TS_INPUT_FLAG_MOUSE_HWHEEL)");
        }
        if (delta == 0 || Math.abs((long) delta) > 255L * MouseEvent.WHEEL_DELTA) {
            throw RdpException.argument(INPUT, "WheelRotationMask", "delta " + delta + " is 0 or beyond 255 notches");
        }
        List<Integer> flags = new ArrayList<>();
        int left = delta;
        while (left != 0) {
            int step = Math.max(-MouseEvent.WHEEL_DELTA, Math.min(MouseEvent.WHEEL_DELTA, left));
            MouseEvent e = horizontal ? MouseEvent.horizontalWheel(step, x, y) : MouseEvent.wheel(step, x, y);
            flags.add(e.pointerFlags());
            left -= step;
        }
        if (fastPathInput()) {
            List<FastPathInputEvent> events = new ArrayList<>();
            flags.forEach(f -> events.add(new MouseEvent(f, x, y)));
            return new FastPath(new FastPathInputPdu(events));
        }
        List<InputPdu.Event> events = new ArrayList<>();
        flags.forEach(f -> events.add(InputPdu.Event.mouse(0, f, x, y)));
        return new SlowPath(new InputPdu(events));
    }

    /** The lock keys' state: TS_SYNC_SCROLL_LOCK 1, NUM_LOCK 2, CAPS_LOCK 4, KANA_LOCK 8 (2.2.8.1.2.2.5 / 2.2.8.1.1.3.1.1.5). */
    public Input synchronize(int lockFlags) {
        if ((lockFlags & ~0x0F) != 0) {
            throw RdpException.argument(INPUT, "toggleFlags", "0x" + Integer.toHexString(lockFlags) + " has bits other than 0x0F");
        }
        return fastPathInput() ? fast(new SynchronizeEvent(lockFlags)) : slow(InputPdu.Event.synchronize(0, lockFlags));
    }

    /**
     * MS-RDPBCGR 2.2.11.3 Suppress Output PDU: {@code suppress} stops display updates; {@code false} allows
     * them again for the whole desktop.
     */
    public ShareData suppressOutput(boolean suppress) {
        if (!suppressOutput) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED,
                    "TS_SUPPRESS_OUTPUT_PDU: the server's General Capability Set has no suppressOutputSupport");
        }
        return suppress ? SuppressOutputPdu.suppress() : SuppressOutputPdu.allow(Rectangle16.of(0, 0, width, height));
    }

    /** MS-RDPBCGR 2.2.11.2 Refresh Rect PDU: redraw these areas (1..255, clipped to the desktop). */
    public ShareData refreshRect(List<Rect> areas) {
        if (!refreshRect) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED,
                    "TS_REFRESH_RECT_PDU: the server's General Capability Set has no refreshRectSupport");
        }
        if (areas == null || areas.isEmpty() || areas.size() > 255) {
            throw RdpException.argument("TS_REFRESH_RECT_PDU", "numberOfAreas", "must be 1 to 255 rectangles");
        }
        Rect desktop = new Rect(0, 0, width, height);
        List<Rectangle16> out = new ArrayList<>();
        for (Rect r : areas) {
            Rect clipped = r.intersect(desktop);
            if (!clipped.isEmpty()) {
                out.add(Rectangle16.of(clipped.x(), clipped.y(), clipped.width(), clipped.height()));
            }
        }
        if (out.isEmpty()) {
            throw RdpException.argument("TS_REFRESH_RECT_PDU", "areasToRefresh", "no area lies on the " + width + "x" + height + " desktop");
        }
        return new RefreshRectPdu(out);
    }

    /** The acknowledgement of an ended frame, when frame acknowledgement was negotiated. */
    public Optional<ShareData> frameAcknowledge(int frameId) {
        return frameAcks ? Optional.of(new FrameAcknowledgePdu(frameId)) : Optional.empty();
    }

    public boolean acknowledgesFrames() {
        return frameAcks;
    }

    private Input mouse(int pointerFlags, int x, int y) {
        position(x, y);
        return fastPathInput() ? fast(new MouseEvent(pointerFlags, x, y)) : slow(InputPdu.Event.mouse(0, pointerFlags, x, y));
    }

    private void position(int x, int y) {
        if (x < 0 || y < 0 || x > 0xFFFF || y > 0xFFFF) {
            throw RdpException.argument(INPUT, "xPos/yPos", "(" + x + "," + y + ") is not a 16-bit position");
        }
    }

    private void require(int flag, String what) {
        if ((inputFlags & flag) == 0) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED, INPUT + ": the server did not offer " + what
                    + " in its Input Capability Set (inputFlags 0x" + Integer.toHexString(inputFlags) + ")");
        }
    }

    private static Input fast(FastPathInputEvent e) {
        return new FastPath(FastPathInputPdu.of(e));
    }

    private static Input slow(InputPdu.Event e) {
        return new SlowPath(new InputPdu(List.of(e)));
    }
}
