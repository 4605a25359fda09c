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

    /** The server sent a pointer shape or system pointer; {@code kind} names the update. */
    record PointerChanged(String kind) implements SessionEvent {}

    /** The user logged on (Save Session Info PDU, MS-RDPBCGR 2.2.10.1). */
    record LogonNotification(String detail) implements SessionEvent {}

    /** A surface frame ended (Frame Marker, MS-RDPBCGR 2.2.9.2.3). */
    record FrameEnded(int frameId) implements SessionEvent {}
}
