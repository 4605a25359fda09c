package dev.porthole.rdp.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Loads annotated hex test vectors from {@code src/test/resources}: hex byte pairs separated by
 * blanks, {@code --} starts an annotation to the end of the line, {@code #} starts a comment line.
 */
public final class HexVectors {

    private HexVectors() {}

    public static byte[] load(String resource) {
        try (InputStream in = HexVectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] parse(String text) {
        StringBuilder hex = new StringBuilder();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("#")) {
                continue;
            }
            int note = l.indexOf("--");
            if (note >= 0) {
                l = l.substring(0, note);
            }
            hex.append(l.replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(hex);
    }

    /** Encodes with {@code encoder} into a fresh buffer and returns the bytes (buffer released). */
    public static byte[] encode(java.util.function.Consumer<ByteBuf> encoder) {
        ByteBuf buf = Unpooled.buffer();
        try {
            encoder.accept(buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}
