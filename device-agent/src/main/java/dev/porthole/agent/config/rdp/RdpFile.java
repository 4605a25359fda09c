package dev.porthole.agent.config.rdp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Remote Desktop Connection file ({@code .rdp}) as mstsc writes it: one {@code name:type:value} setting per line,
 * type {@code s} (string), {@code i} (integer) or {@code b} (binary, hex). mstsc saves UTF-16LE with a byte order mark;
 * UTF-8 (with or without BOM) and UTF-16BE with BOM are read too. Blank lines are skipped; a later duplicate setting
 * replaces the earlier one (as mstsc does). Bounded: at most {@value #MAX_BYTES} bytes and {@value #MAX_LINE} characters
 * per line. Errors name the line.
 *
 * @param settings the settings by lower-case name, in file order
 */
public record RdpFile(Map<String, Setting> settings) {

    /** Largest file accepted. */
    public static final int MAX_BYTES = 256 * 1024;

    /** Longest line accepted. */
    public static final int MAX_LINE = 8192;

    /**
     * One setting.
     *
     * @param line  1-based line number
     * @param name  the name as written (e.g. {@code full address})
     * @param type  {@code s}, {@code i} or {@code b}
     * @param value the value text after the second colon
     */
    public record Setting(int line, String name, char type, String value) {
        /** The integer value; an error naming the line when it is not one. */
        public long integer() {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new RdpFileException(line, "'" + name + "' value '" + shorten(value) + "' is not an integer");
            }
        }
    }

    public RdpFile {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The setting called {@code name} (case-insensitive). */
    public Optional<Setting> get(String name) {
        return Optional.ofNullable(settings.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Parses {@code data}, detecting the encoding from its byte order mark (or its zero bytes). */
    public static RdpFile parse(byte[] data) {
        if (data.length > MAX_BYTES) {
            throw new RdpFileException(0, "the file is larger than " + MAX_BYTES + " bytes");
        }
        String text = decode(data);
        Map<String, Setting> settings = new LinkedHashMap<>();
        int lineNo = 0;
        int pos = 0;
        while (pos <= text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            lineNo++;
            String line = text.substring(pos, end);
            pos = end + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.length() > MAX_LINE) {
                throw new RdpFileException(lineNo, "the line is longer than " + MAX_LINE + " characters");
            }
            if (!line.isBlank()) {
                Setting s = parseLine(lineNo, line);
                settings.remove(s.name().toLowerCase(Locale.ROOT));
                settings.put(s.name().toLowerCase(Locale.ROOT), s);
            }
            if (nl < 0) {
                break;
            }
        }
        return new RdpFile(settings);
    }

    private static Setting parseLine(int lineNo, String line) {
        int c1 = line.indexOf(':');
        int c2 = c1 < 0 ? -1 : line.indexOf(':', c1 + 1);
        if (c1 <= 0 || c2 != c1 + 2) {
            throw new RdpFileException(lineNo, "'" + shorten(line) + "' is not a setting (name:type:value, type s, i or b)");
        }
        String name = line.substring(0, c1).strip();
        char type = Character.toLowerCase(line.charAt(c1 + 1));
        String value = line.substring(c2 + 1);
        if (name.isEmpty()) {
            throw new RdpFileException(lineNo, "the setting has no name");
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < 0x20 || ch == 0x7f) {
                throw new RdpFileException(lineNo, "the setting name contains a control character");
            }
        }
        switch (type) {
            case 's' -> {
                for (int i = 0; i < value.length(); i++) {
                    char ch = value.charAt(i);
                    if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
                        throw new RdpFileException(lineNo, "'" + name + "' contains control character U+"
                                + String.format("%04X", (int) ch));
                    }
                }
            }
            case 'i' -> {
                String v = value.strip();
                if (!v.matches("-?\\d{1,10}")) {
                    throw new RdpFileException(lineNo, "'" + name + "' has type i but value '" + shorten(value)
                            + "' is not an integer");
                }
            }
            case 'b' -> {
                String v = value.strip();
                if (v.length() % 2 != 0 || !v.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                    throw new RdpFileException(lineNo, "'" + name + "' has type b but its value is not hex");
                }
            }
            default -> throw new RdpFileException(lineNo, "'" + name + "' has type '" + line.charAt(c1 + 1)
                    + "'; the type must be s, i or b");
        }
        return new Setting(lineNo, name, type, type == 's' ? value : value.strip());
    }

    private static String decode(byte[] d) {
        if (d.length >= 2 && (d[0] & 0xff) == 0xff && (d[1] & 0xff) == 0xfe) {
            return decode(d, 2, StandardCharsets.UTF_16LE, "UTF-16LE");
        }
        if (d.length >= 2 && (d[0] & 0xff) == 0xfe && (d[1] & 0xff) == 0xff) {
            return decode(d, 2, StandardCharsets.UTF_16BE, "UTF-16BE");
        }
        if (d.length >= 3 && (d[0] & 0xff) == 0xef && (d[1] & 0xff) == 0xbb && (d[2] & 0xff) == 0xbf) {
            return decode(d, 3, StandardCharsets.UTF_8, "UTF-8");
        }
        // UTF-16LE without a mark: ASCII text has a zero in every odd byte
        if (d.length >= 4 && d[0] != 0 && d[1] == 0 && d[3] == 0) {
            return decode(d, 0, StandardCharsets.UTF_16LE, "UTF-16LE");
        }
        return decode(d, 0, StandardCharsets.UTF_8, "UTF-8");
    }

    private static String decode(byte[] d, int offset, Charset cs, String name) {
        CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(d, offset, d.length - offset);
        CharBuffer out = CharBuffer.allocate((d.length - offset) + 1);
        var result = dec.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            int line = 1;
            for (int i = 0; i < out.length(); i++) {
                if (out.charAt(i) == '\n') {
                    line++;
                }
            }
            throw new RdpFileException(line, "the file is not valid " + name + " (byte offset " + in.position() + ")");
        }
        dec.flush(out);
        out.flip();
        return out.toString();
    }

    static String shorten(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > 80 ? b + "..." : b.toString();
    }
}
