package dev.porthole.agent.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import dev.porthole.agent.config.AgentConfig;
import dev.porthole.agent.config.ConfigLoader;
import dev.porthole.agent.config.HostAddress;
import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.credentials.PasswordStore;

/**
 * The boot machine's settings from the agent configuration: the file, else last known good, else the
 * image default ({@link ConfigLoader}); the kiosk password from the encrypted {@link PasswordStore}.
 * The first configured host is the settings' host; the boot machine fails over along {@link BootSettings#hosts()}.
 */
public final class AgentConfigSource implements ConfigSource {

    private final Path file;
    private final StateDirectory state;

    /** Loads {@code file} with fallbacks in {@code state}. */
    public AgentConfigSource(Path file, StateDirectory state) {
        this.file = file;
        this.state = state;
    }

    @Override
    public Loaded load() {
        ConfigLoader.Loaded l = ConfigLoader.load(file, state);
        Origin origin = switch (l.source()) {
            case FILE -> Origin.CONFIG_FILE;
            case LAST_KNOWN_GOOD -> Origin.LAST_KNOWN_GOOD;
            case IMAGE_DEFAULT -> Origin.IMAGE_DEFAULT;
        };
        return new Loaded(settings(l.config(), PasswordStore.of(state)), origin, l.reason());
    }

    /** Boot settings of {@code config}; the kiosk password is read from {@code passwords}. */
    public static BootSettings settings(AgentConfig config, PasswordStore passwords) {
        AgentConfig.Connection c = config.connection();
        HostAddress host = c.hosts().isEmpty() ? null : c.hosts().getFirst();
        boolean kiosk = config.credentials().mode() == AgentConfig.CredentialsMode.KIOSK;
        Secret password = Secret.empty();
        if (kiosk) {
            Optional<char[]> stored = passwords.load();
            if (stored.isPresent()) {
                password = Secret.copyOf(stored.get());
                Arrays.fill(stored.get(), '\0');
            }
        }
        AgentConfig.Kiosk k = config.kiosk();
        Duration idle = k.idleAction() == AgentConfig.IdleAction.DISCONNECT ? Duration.ofSeconds(k.idleTimeoutSeconds())
                : Duration.ZERO;
        return new BootSettings(host == null ? "" : host.host(), host == null ? c.port() : c.portOf(host),
                kiosk ? BootSettings.Mode.KIOSK : BootSettings.Mode.INTERACTIVE, config.credentials().username(),
                config.credentials().domain(), password, c.security().name(),
                c.trust().mode() == AgentConfig.TrustMode.PINNED ? c.trust().sha256() : null, config.desktop().width(),
                config.desktop().height(), idle, null, null, config);
    }
}
