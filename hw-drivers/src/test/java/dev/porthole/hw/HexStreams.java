package dev.porthole.hw;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Loads annotated hex files: {@code #} lines are comments, {@code --} starts a trailing comment. */
public final class HexStreams {

    private HexStreams() {}

    public static byte[] load(String resource) {
        try (InputStream in = HexStreams.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String l = line.strip();
                if (l.startsWith("#") || l.isEmpty()) {
                    continue;
                }
                int c = l.indexOf("--");
                if (c >= 0) {
                    l = l.substring(0, c);
                }
                for (String h : l.trim().split("\\s+")) {
                    out.write(Integer.parseInt(h, 16));
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
