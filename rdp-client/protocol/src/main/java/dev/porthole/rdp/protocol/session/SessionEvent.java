package dev.porthole.rdp.protocol.session;

import java.util.List;

import dev.porthole.rdp.protocol.surface.Rect;

/** What the active session tells its embedder (MS-RDPBCGR 1.3.6 and 2.2.9). */
public sealed interface SessionEvent {

    /** Pixels of the session surface changed inside these rectangles. */
    record FrameDamaged(List<Rect> areas) implements SessionEvent {}

    /** The server explained an upcoming disconnection (Set Error Info PDU, MS-RDPBCGR 2.2.5.1.1). */
    record ErrorInfo(int code, String name, String reason) implements SessionEvent {}

    /** The remote pointer moved (server-driven position update). */
    record PointerMoved(int x, int y) implements SessionEvent {}

    /**
     * The remote pointer now has this shape (MS-RDPBCGR 2.2.9.1.1.4.4-5, 2.2.9.1.2.1.11, or a cached one,
     * 2.2.9.1.1.4.6): {@code width} x {@code height} straight-alpha 0xAARRGGBB pixels, top row first, with the
     * hotspot at ({@code hotX}, {@code hotY}). Do not modify {@code argb}: cached shapes share it.
     */
    record PointerShape(int[] argb, int width, int height, int hotX, int hotY) implements SessionEvent {
        @Override
        public String toString() {
            return "PointerShape[" + width + "x" + height + ", hotspot (" + hotX + "," + hotY + ")]";
        }
    }

    /** The server asked for a system pointer (MS-RDPBCGR 2.2.9.1.1.4.3): hidden, or the platform's default arrow. */
    record PointerSystem(boolean hidden) implements SessionEvent {}

    /**
     * The server set the lock key indicators (Set Keyboard Indicators PDU, MS-RDPBCGR 2.2.8.2.1.1):
     * TS_SYNC_SCROLL_LOCK 1, TS_SYNC_NUM_LOCK 2, TS_SYNC_CAPS_LOCK 4, TS_SYNC_KANA_LOCK 8.
     */
    record KeyboardIndicators(int lockFlags) implements SessionEvent {}

    /**
     * The server's heartbeats (MS-RDPBCGR 2.2.16.1) stopped: {@code missed} periods passed without one;
     * {@code reconnectAdvised} once the server's count2 threshold is reached.
     */
    record HeartbeatMissed(int missed, boolean reconnectAdvised) implements SessionEvent {}

    /** The user logged on (Save Session Info PDU, MS-RDPBCGR 2.2.10.1). */
    record LogonNotification(String detail) implements SessionEvent {}

    /** A surface frame ended (Frame Marker, MS-RDPBCGR 2.2.9.2.3). */
    record FrameEnded(int frameId) implements SessionEvent {}
}
