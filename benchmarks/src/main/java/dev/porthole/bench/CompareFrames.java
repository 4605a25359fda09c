package dev.porthole.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.porthole.rdp.protocol.surface.Surface;

/**
 * Compares the frame FreeRDP decoded from a bitmap input ({@code codec_bench --dump}: BGRX32, top
 * row first) with the frame Porthole decodes from the same input, channel by channel (red, green,
 * blue; the X/alpha byte is not compared). Prints one line: the input, then "identical" or how
 * many pixels differ and by how much at most per channel. Exit status 0 either way; 1 when the sizes disagree.
 *
 * <p>Usage: {@code CompareFrames INPUT.bitmap FRAME.bgrx}
 */
public final class CompareFrames {

    private CompareFrames() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CompareFrames INPUT.bitmap FRAME.bgrx");
            System.exit(2);
        }
        InputFiles.BitmapInput in = InputFiles.readBitmap(Path.of(args[0]));
        byte[] reference = Files.readAllBytes(Path.of(args[1]));
        Surface ours = PortholeDecode.frame(in);
        System.out.println(Path.of(args[0]).getFileName() + "\t" + compare(ours.pixels(), reference));
        if (reference.length != ours.pixels().length * 4) {
            System.exit(1);
        }
    }

    /** "identical", or the number of differing pixels and the largest channel difference. */
    static String compare(int[] argb, byte[] bgrx) {
        if (bgrx.length != argb.length * 4) {
            return "size differs: " + bgrx.length / 4 + " reference pixels, " + argb.length + " decoded";
        }
        long differing = 0;
        int[] maxDelta = new int[3]; // blue, green, red
        for (int i = 0; i < argb.length; i++) {
            boolean differs = false;
            for (int c = 0; c < 3; c++) {
                int delta = Math.abs((bgrx[4 * i + c] & 0xFF) - (argb[i] >>> (8 * c) & 0xFF));
                maxDelta[c] = Math.max(maxDelta[c], delta);
                differs |= delta > 0;
            }
            if (differs) {
                differing++;
            }
        }
        if (differing == 0) {
            return "identical (" + argb.length + " pixels)";
        }
        return String.format("%d of %d pixels differ (%.2f%%), max difference red %d, green %d, blue %d", differing,
                argb.length, 100.0 * differing / argb.length, maxDelta[2], maxDelta[1], maxDelta[0]);
    }
}
