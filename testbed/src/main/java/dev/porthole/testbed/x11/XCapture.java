package dev.porthole.testbed.x11;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.porthole.testbed.PeerException;
import dev.porthole.testbed.Programs;

/**
 * Ground truth for pixels: captures what an X server itself holds in its root window (ImageMagick
 * {@code import -window root}), independent of any RDP encoding. The mouse cursor is not part of it.
 */
public final class XCapture {

    private XCapture() {}

    /**
     * Captures the root window of X display {@code :number} into {@code png}.
     *
     * @param xauthority the cookie file granting access, or {@code null} when the server needs none
     * @return {@code png}
     */
    public static Path captureRoot(int number, Path xauthority, Path png) {
        String importCmd = Programs.require("import", "imagemagick").toString();
        Map<String, String> env = new HashMap<>();
        env.put("DISPLAY", ":" + number);
        if (xauthority != null) {
            env.put("XAUTHORITY", xauthority.toString());
        }
        try {
            Files.deleteIfExists(png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + png, e);
        }
        HostCommand.Result r = HostCommand.run(List.of(importCmd, "-display", ":" + number, "-window", "root",
                "png:" + png), env, null, HostCommand.DEFAULT_TIMEOUT);
        if (r.exitCode() != 0 || !Files.isRegularFile(png)) {
            throw new PeerException("capturing X display :" + number + " with 'import -window root' failed (status "
                    + r.exitCode() + "): " + r.stderr().strip());
        }
        return png;
    }

    /** Reads a captured PNG. */
    public static BufferedImage read(Path png) {
        try {
            BufferedImage img = ImageIO.read(png.toFile());
            if (img == null) {
                throw new PeerException(png + " is not an image ImageIO can read");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + png, e);
        }
    }
}
