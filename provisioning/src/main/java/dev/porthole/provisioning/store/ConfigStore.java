package dev.porthole.provisioning.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.json.StrictJson;

/**
 * The device's configuration store in {@code <state>/config/}:
 * <pre>
 * index.json          the single source of truth: floor, good versions, staged version, last report
 * doc-&lt;version&gt;.jws   a good document (applied and health-checked), exact bytes as received; at most {@link #KEEP_GOOD}
 * staged-&lt;version&gt;.jws the document being applied, or waiting for the session to end (pending)
 * </pre>
 * The floor is the highest version ever staged: a version is used up once it is tried, so a document that fails
 * (or crashes the device while it is applied) is not tried again when the broker redelivers it; the fleet
 * republishes under a higher version. The newest good version is the document in force.
 *
 * <p>Every change writes document files first and the index last, each crash-safely ({@link AtomicFiles}), and
 * deletes files only after the index stopped naming them. Whatever instant the power goes, the index names only
 * complete files; files it does not name are removed on {@link #open}.
 *
 * <p>Not thread-safe; the device's config flow serializes access.
 */
public final class ConfigStore {

    /** How many good documents are kept (the one in force and two to go back to). */
    public static final int KEEP_GOOD = 3;

    /** The largest document file read back. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private static final TaggedLogger LOG = Logger.tag("provisioning");
    private static final Pattern DOC = Pattern.compile("doc-(\\d{1,16})\\.jws");
    private static final Pattern STAGED = Pattern.compile("staged-(\\d{1,16})\\.jws");
    private static final String INDEX = "index.json";
    private static final int FORMAT = 1;

    /** A staged document. */
    public record Staged(long version, boolean pending, byte[] bytes) {}

    private final Path dir;
    private long floor;
    private List<Long> good = new ArrayList<>();
    private long stagedVersion; // 0: none
    private boolean stagedPending;
    private ObjectNode report;

    private ConfigStore(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating when needed) the store under {@code stateDir/config}, repairing what a crash left behind. */
    public static ConfigStore open(Path stateDir) {
        Path dir = AtomicFiles.directory(stateDir.resolve("config"), AtomicFiles.OWNER_ONLY_DIR);
        ConfigStore s = new ConfigStore(dir);
        int temps = AtomicFiles.cleanTemporaryFiles(dir);
        if (temps > 0) {
            LOG.info("config store removed leftovers of an interrupted write dir={} files={}", dir, temps);
        }
        s.load();
        s.collectGarbage();
        return s;
    }

    private void load() {
        Optional<byte[]> bytes = AtomicFiles.read(dir.resolve(INDEX), MAX_FILE_BYTES);
        if (bytes.isEmpty()) {
            rebuildFromFiles("no index");
            return;
        }
        try {
            ObjectNode idx = StrictJson.parseObject(bytes.get(), dir.resolve(INDEX).toString());
            if (idx.path("format").asInt() != FORMAT) {
                throw new ProvisioningException(Kind.MALFORMED, "index format " + idx.path("format") + " is not "
                        + FORMAT);
            }
            floor = idx.path("floor").asLong(0);
            good = new ArrayList<>();
            for (JsonNode v : idx.path("good")) {
                long version = v.asLong();
                if (Files.isRegularFile(docFile(version))) {
                    good.add(version);
                } else {
                    LOG.warn("config store index names a missing document dir={} version={}", dir, version);
                }
            }
            JsonNode st = idx.path("staged");
            if (st.isObject() && Files.isRegularFile(stagedFile(st.path("version").asLong()))) {
                stagedVersion = st.path("version").asLong();
                stagedPending = st.path("pending").asBoolean(false);
            }
            report = idx.path("report").isObject() ? (ObjectNode) idx.get("report") : null;
        } catch (ProvisioningException e) {
            Path aside = dir.resolve(INDEX + ".unreadable");
            AtomicFiles.rename(dir.resolve(INDEX), aside);
            LOG.error("config store index unreadable, rebuilt from documents dir={} movedTo={} error={}", dir, aside,
                    e.getMessage());
            rebuildFromFiles("unreadable index");
        }
    }

    private void rebuildFromFiles(String why) {
        List<Long> docs = versions(DOC);
        docs.sort(Comparator.reverseOrder());
        good = new ArrayList<>(docs.subList(0, Math.min(KEEP_GOOD, docs.size())));
        floor = docs.isEmpty() ? 0 : docs.getFirst();
        stagedVersion = 0;
        stagedPending = false;
        report = null;
        if (!docs.isEmpty()) {
            LOG.warn("config store rebuilt dir={} reason={} good={} floor={}", dir, why, good, floor);
            writeIndex();
        }
    }

    private List<Long> versions(Pattern p) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path f : s) {
                Matcher m = p.matcher(f.getFileName().toString());
                if (m.matches()) {
                    out.add(Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new ProvisioningException(Kind.STORAGE, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Deletes document files the index does not name. */
    private void collectGarbage() {
        for (long v : versions(DOC)) {
            if (!good.contains(v)) {
                AtomicFiles.delete(docFile(v));
            }
        }
        for (long v : versions(STAGED)) {
            if (v != stagedVersion) {
                AtomicFiles.delete(stagedFile(v));
            }
        }
    }

    /** The directory of the store. */
    public Path directory() {
        return dir;
    }

    /** The highest version ever staged (0 when none): a new document must be newer. */
    public long floor() {
        return floor;
    }

    /** Good versions, newest (the one in force) first. */
    public List<Long> goodVersions() {
        return List.copyOf(good);
    }

    /** The version in force, 0 when none. */
    public long currentVersion() {
        return good.isEmpty() ? 0 : good.getFirst();
    }

    /** The exact bytes of good document {@code version}. */
    public Optional<byte[]> document(long version) {
        if (!good.contains(version)) {
            return Optional.empty();
        }
        return AtomicFiles.read(docFile(version), MAX_FILE_BYTES);
    }

    /** The staged document, if any. */
    public Optional<Staged> staged() {
        if (stagedVersion == 0) {
            return Optional.empty();
        }
        return AtomicFiles.read(stagedFile(stagedVersion), MAX_FILE_BYTES)
                .map(b -> new Staged(stagedVersion, stagedPending, b));
    }

    /** The last report saved, if any. */
    public Optional<ObjectNode> lastReport() {
        return Optional.ofNullable(report).map(ObjectNode::deepCopy);
    }

    /** Stages {@code bytes} as {@code version} (replacing an earlier staged document) and raises the floor to it. */
    public void stage(long version, byte[] bytes) {
        if (version <= floor) {
            throw new ProvisioningException(Kind.USAGE, "cannot stage version " + version + "; floor is " + floor);
        }
        long previous = stagedVersion;
        AtomicFiles.write(stagedFile(version), bytes, AtomicFiles.OWNER_ONLY);
        floor = version;
        stagedVersion = version;
        stagedPending = false;
        writeIndex();
        if (previous != 0 && previous != version) {
            AtomicFiles.delete(stagedFile(previous));
        }
    }

    /** Marks the staged document as waiting for the session to end. */
    public void markPending(long version) {
        requireStaged(version);
        stagedPending = true;
        writeIndex();
    }

    /** Makes the staged document the one in force, keeping at most {@link #KEEP_GOOD} good documents. */
    public void commit(long version) {
        requireStaged(version);
        byte[] bytes = AtomicFiles.read(stagedFile(version), MAX_FILE_BYTES).orElseThrow(() ->
                new ProvisioningException(Kind.STORAGE, "staged document " + version + " vanished from " + dir));
        AtomicFiles.write(docFile(version), bytes, AtomicFiles.OWNER_ONLY);
        List<Long> dropped = new ArrayList<>();
        good.removeIf(v -> v == version);
        good.addFirst(version);
        while (good.size() > KEEP_GOOD) {
            dropped.add(good.removeLast());
        }
        stagedVersion = 0;
        stagedPending = false;
        writeIndex();
        AtomicFiles.delete(stagedFile(version));
        dropped.forEach(v -> AtomicFiles.delete(docFile(v)));
    }

    /** Forgets the staged document (the floor stays). */
    public void discardStaged() {
        long v = stagedVersion;
        if (v == 0) {
            return;
        }
        stagedVersion = 0;
        stagedPending = false;
        writeIndex();
        AtomicFiles.delete(stagedFile(v));
    }

    /** Removes the document in force from the good list (when it no longer verifies); the next one takes over. */
    public void dropCurrent() {
        if (good.isEmpty()) {
            return;
        }
        long v = good.removeFirst();
        writeIndex();
        AtomicFiles.delete(docFile(v));
    }

    /** Saves the last report (republished after a restart). */
    public void saveReport(ObjectNode value) {
        report = value.deepCopy();
        writeIndex();
    }

    private void requireStaged(long version) {
        if (stagedVersion != version) {
            throw new ProvisioningException(Kind.USAGE, "version " + version + " is not staged (staged: "
                    + (stagedVersion == 0 ? "none" : stagedVersion) + ")");
        }
    }

    private void writeIndex() {
        ObjectNode idx = StrictJson.object();
        idx.put("format", FORMAT);
        idx.put("floor", floor);
        ArrayNode g = idx.putArray("good");
        good.forEach(g::add);
        if (stagedVersion != 0) {
            idx.putObject("staged").put("version", stagedVersion).put("pending", stagedPending);
        } else {
            idx.putNull("staged");
        }
        if (report != null) {
            idx.set("report", report);
        }
        AtomicFiles.write(dir.resolve(INDEX), StrictJson.pretty(idx).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                AtomicFiles.OWNER_ONLY);
    }

    private Path docFile(long version) {
        return dir.resolve("doc-" + version + ".jws");
    }

    private Path stagedFile(long version) {
        return dir.resolve("staged-" + version + ".jws");
    }

    @Override
    public String toString() {
        return "ConfigStore[" + dir + ", floor=" + floor + ", good=" + good + ", staged="
                + (stagedVersion == 0 ? "none" : stagedVersion + (stagedPending ? " (pending)" : "")) + "]";
    }
}
