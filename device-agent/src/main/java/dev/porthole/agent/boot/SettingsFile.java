package dev.porthole.agent.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.porthole.provisioning.json.StrictJson;

/**
 * The run command's {@link ConfigSource} until the agent's configuration model is wired in: a small
 * JSON file ({@code host}, {@code port}, {@code mode} kiosk|interactive, {@code username},
 * {@code domain}, {@code passwordFile}, {@code security}, {@code pinnedSha256}, {@code width},
 * {@code height}, {@code idleTimeoutSeconds}); the password is read from its own file (never from the
 * JSON). A file that loads is kept as last known good in the state directory (temp, fsync, rename); a
 * missing or corrupt file falls back to it, then to the image default (if the image has one).
 */
public final class SettingsFile implements ConfigSource {

    private static final Set<String> FIELDS = Set.of("host", "port", "mode", "username", "domain", "passwordFile", "security",
            "pinnedSha256", "width", "height", "idleTimeoutSeconds");
    private static final long MAX_BYTES = 64 * 1024;

    private final Path file;
    private final Path lastGood;
    private final Path imageDefault;

    /** Reads {@code file}; keeps last known good under {@code stateDir}; {@code imageDefault} may be null. */
    public SettingsFile(Path file, Path stateDir, Path imageDefault) {
        this.file = file;
        this.lastGood = stateDir.resolve("config").resolve("last-known-good.json");
        this.imageDefault = imageDefault;
    }

    /** Where the last known good copy lives. */
    public Path lastKnownGood() {
        return lastGood;
    }

    @Override
    public Loaded load() {
        String problem;
        try {
            byte[] bytes = read(file);
            BootSettings s = parse(bytes, file);
            keep(absolutePasswordFile(bytes, file));
            return new Loaded(s, Origin.CONFIG_FILE, "");
        } catch (IllegalArgumentException | IOException e) {
            problem = file + ": " + e.getMessage();
        }
        try {
            if (Files.exists(lastGood)) {
                return new Loaded(parse(read(lastGood), lastGood), Origin.LAST_KNOWN_GOOD, problem);
            }
        } catch (IllegalArgumentException | IOException e) {
            problem += "; last known good " + lastGood + ": " + e.getMessage();
        }
        if (imageDefault != null) {
            try {
                return new Loaded(parse(read(imageDefault), imageDefault), Origin.IMAGE_DEFAULT, problem);
            } catch (IllegalArgumentException | IOException e) {
                problem += "; image default " + imageDefault + ": " + e.getMessage();
            }
        }
        throw new IllegalStateException(problem);
    }

    private static byte[] read(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new IOException("no such file");
        }
        if (Files.size(p) > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes");
        }
        return Files.readAllBytes(p);
    }

    /** The same JSON with a relative {@code passwordFile} made absolute (the copy lives elsewhere). */
    private static byte[] absolutePasswordFile(byte[] bytes, Path from) {
        com.fasterxml.jackson.databind.node.ObjectNode root = StrictJson.parseObject(bytes, "settings");
        JsonNode pw = root.get("passwordFile");
        if (pw != null && pw.isTextual()) {
            root.put("passwordFile", from.toAbsolutePath().getParent().resolve(pw.asText()).toString());
        }
        return StrictJson.bytes(root);
    }

    private void keep(byte[] bytes) throws IOException {
        Files.createDirectories(lastGood.getParent());
        Path tmp = lastGood.resolveSibling(lastGood.getFileName() + ".tmp");
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        try {
            Files.move(tmp, lastGood, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, lastGood, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Parses settings JSON; relative {@code passwordFile}s resolve against {@code from}'s directory. */
    static BootSettings parse(byte[] bytes, Path from) {
        JsonNode root;
        try {
            root = StrictJson.parseObject(bytes, "settings");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "' (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String modeText = text(root, "mode", "kiosk");
        BootSettings.Mode mode = switch (modeText) {
            case "kiosk" -> BootSettings.Mode.KIOSK;
            case "interactive" -> BootSettings.Mode.INTERACTIVE;
            default -> throw new IllegalArgumentException("mode '" + modeText + "' is neither kiosk nor interactive");
        };
        Secret password = Secret.empty();
        String pwFile = text(root, "passwordFile", null);
        if (pwFile != null) {
            Path p = from.toAbsolutePath().getParent().resolve(pwFile);
            try {
                byte[] raw = read(p);
                char[] chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(raw)).array();
                int n = chars.length;
                while (n > 0 && (chars[n - 1] == '\n' || chars[n - 1] == '\r' || chars[n - 1] == '\0')) {
                    n--;
                }
                char[] trimmed = Arrays.copyOf(chars, n);
                password = Secret.copyOf(trimmed);
                Arrays.fill(chars, '\0');
                Arrays.fill(trimmed, '\0');
                Arrays.fill(raw, (byte) 0);
            } catch (IOException e) {
                throw new IllegalArgumentException("passwordFile " + p + ": " + e.getMessage());
            }
        }
        String security = text(root, "security", "AUTO").toUpperCase(java.util.Locale.ROOT);
        if (!Set.of("AUTO", "NLA", "TLS").contains(security)) {
            throw new IllegalArgumentException("security '" + security + "' is none of auto, nla, tls");
        }
        return new BootSettings(text(root, "host", ""), integer(root, "port", 3389), mode, text(root, "username", ""),
                text(root, "domain", ""), password, security, text(root, "pinnedSha256", null), integer(root, "width", 1920),
                integer(root, "height", 1080), Duration.ofSeconds(integer(root, "idleTimeoutSeconds", 0)), null, null);
    }

    private static String text(JsonNode root, String field, String dflt) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return n.asText();
    }

    private static int integer(JsonNode root, String field, int dflt) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isInt()) {
            throw new IllegalArgumentException("field '" + field + "' must be an integer");
        }
        return n.asInt();
    }
}
