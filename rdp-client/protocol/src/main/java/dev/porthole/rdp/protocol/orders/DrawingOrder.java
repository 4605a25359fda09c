package dev.porthole.rdp.protocol.orders;

import dev.porthole.rdp.protocol.surface.Rect;

/** One decoded drawing order of an Orders Update (MS-RDPEGDI 2.2.2.2.1). */
public sealed interface DrawingOrder {

    /**
     * A primary drawing order and its clip: the bounding rectangle of PRIMARY_DRAWING_ORDER.bounds
     * (MS-RDPEGDI 2.2.2.2.1.1.1.4, inclusive on the wire, exclusive here) when TS_BOUNDS was set, else null.
     */
    record Primary(PrimaryOrder order, Rect clip) implements DrawingOrder {}

    /** A secondary drawing order (cache contents). */
    record Secondary(SecondaryOrder order) implements DrawingOrder {}
}
