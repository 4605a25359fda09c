package dev.porthole.display.convert;

/** How the image is turned, clockwise, to appear upright on a panel mounted sideways or upside down. */
public enum Rotation {
    R0, R90, R180, R270;

    /** From degrees (0, 90, 180, 270). */
    public static Rotation ofDegrees(int degrees) {
        return switch (Math.floorMod(degrees, 360)) {
            case 0 -> R0;
            case 90 -> R90;
            case 180 -> R180;
            case 270 -> R270;
            default -> throw new IllegalArgumentException("rotation " + degrees + " (0, 90, 180 or 270)");
        };
    }

    /** Whether width and height swap. */
    public boolean swapsAxes() {
        return this == R90 || this == R270;
    }
}
