package dev.porthole.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.tinylog.TaggedLogger;

import dev.porthole.provisioning.store.AtomicFiles;

/**
 * Loads the configuration with its fallbacks: the configuration file; if it is missing or invalid, the last known
 * good copy in the state directory; else the image default shipped in the agent ({@value #IMAGE_DEFAULT}). One INFO
 * (or WARN) line says which was used and why.
 */
public final class ConfigLoader {

    /** The configuration file on the appliance. */
    public static final String DEFAULT_FILE = "/etc/porthole/porthole.json";

    /** Environment variable that overrides {@link #DEFAULT_FILE}. */
    public static final String ENV = "PORTHOLE_CONFIG";

    /** Class-path resource of the image default. */
    public static final String IMAGE_DEFAULT = "/dev/porthole/agent/config/image-default.json";

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("agent");

    /** Where a loaded configuration came from. */
    public enum Source {
        /** The configuration file. */
        FILE,
        /** The state directory's last known good copy (the file was missing or invalid). */
        LAST_KNOWN_GOOD,
        /** The image default (neither file nor last known good was usable). */
        IMAGE_DEFAULT
    }

    /**
     * A loaded configuration.
     *
     * @param config the configuration
     * @param source where it came from
     * @param origin the file or resource it was read from
     * @param reason why this source was used (the errors of the sources tried before), empty for {@link Source#FILE}
     */
    public record Loaded(AgentConfig config, Source source, String origin, String reason) {}

    private ConfigLoader() {}

    /** {@code option} when given, else {@code $PORTHOLE_CONFIG}, else {@value #DEFAULT_FILE}. */
    public static Path configFile(Path option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String e = env.get(ENV);
        return Path.of(e != null && !e.isBlank() ? e : DEFAULT_FILE);
    }

    /** Loads {@code file}, falling back to the last known good in {@code state}, then to the image default. */
    public static Loaded load(Path file, StateDirectory state) {
        String fileProblem;
        try {
            AgentConfig c = ConfigParser.parse(file);
            LOG.info("config source=file path={}", file);
            return new Loaded(c, Source.FILE, file.toString(), "");
        } catch (NoSuchFileException e) {
            fileProblem = file + " does not exist";
        } catch (ConfigException e) {
            fileProblem = e.getMessage();
        } catch (IOException e) {
            fileProblem = "cannot read " + file + ": " + e.getMessage();
        }
        Path lkg = state.lastKnownGood();
        String lkgProblem;
        try {
            AgentConfig c = ConfigParser.parse(lkg);
            String reason = fileProblem;
            LOG.warn("config source=last-known-good path={} reason=\"{}\"", lkg, reason);
            return new Loaded(c, Source.LAST_KNOWN_GOOD, lkg.toString(), reason);
        } catch (NoSuchFileException e) {
            lkgProblem = "no last known good configuration (" + lkg + ")";
        } catch (ConfigException e) {
            lkgProblem = "last known good is invalid: " + e.getMessage();
        } catch (IOException e) {
            lkgProblem = "cannot read " + lkg + ": " + e.getMessage();
        }
        String reason = fileProblem + "; " + lkgProblem;
        AgentConfig c = imageDefault();
        LOG.warn("config source=image-default resource={} reason=\"{}\"", IMAGE_DEFAULT, reason);
        return new Loaded(c, Source.IMAGE_DEFAULT, "classpath:" + IMAGE_DEFAULT, reason);
    }

    /** The image default shipped in the agent. */
    public static AgentConfig imageDefault() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(IMAGE_DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException("image default " + IMAGE_DEFAULT + " is missing from the build");
            }
            return ConfigParser.parse(in.readNBytes(ConfigParser.MAX_BYTES), "classpath:" + IMAGE_DEFAULT);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read image default " + IMAGE_DEFAULT, e);
        }
    }

    /**
     * Keeps {@code config} as the last known good (crash-safe write: temp file, fsync, rename, fsync directory).
     * The agent calls this once a configuration has brought its session up; unchanged content is not rewritten.
     *
     * @return whether the file was written
     */
    public static boolean keepAsLastKnownGood(StateDirectory state, AgentConfig config) {
        byte[] json = ConfigWriter.write(config);
        Path lkg = state.lastKnownGood();
        AtomicFiles.directory(state.root(), AtomicFiles.OWNER_ONLY_DIR);
        AtomicFiles.directory(lkg.getParent(), AtomicFiles.OWNER_ONLY_DIR);
        byte[] old = AtomicFiles.read(lkg, ConfigParser.MAX_BYTES).orElse(null);
        if (old != null && Arrays.equals(old, json)) {
            return false;
        }
        AtomicFiles.write(lkg, json, AtomicFiles.OWNER_ONLY);
        LOG.debug("config last-known-good written path={}", lkg);
        return true;
    }
}
