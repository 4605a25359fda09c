package dev.porthole.display.convert;

/** What to do when the surface and the (rotated) panel differ in size. */
public enum Scaling {
    /** Keep the aspect ratio, fit inside, black bars around (letterbox/pillarbox). */
    FIT,
    /** Fill the panel, distorting the aspect ratio. */
    STRETCH,
    /** No scaling: centred, cropped or surrounded by black. */
    CENTER
}
