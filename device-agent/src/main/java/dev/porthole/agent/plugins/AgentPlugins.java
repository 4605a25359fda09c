package dev.porthole.agent.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.host.DvcSession;
import dev.porthole.plugin.sandbox.host.HostConfig;
import dev.porthole.plugin.sandbox.host.PluginEvent;
import dev.porthole.plugin.sandbox.host.PluginEvents;
import dev.porthole.plugin.sandbox.host.PluginHost;
import dev.porthole.plugin.sandbox.launch.RuntimeJars;
import dev.porthole.plugin.sandbox.launch.SandboxConfig;
import dev.porthole.plugin.sandbox.launch.SandboxLauncher;
import dev.porthole.plugin.sandbox.pkg.ChannelPolicy;
import dev.porthole.plugin.sandbox.pkg.PackageSignature;
import dev.porthole.plugin.sandbox.pkg.PackageVerifier;
import dev.porthole.plugin.sandbox.pkg.PluginStore;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile;
import dev.porthole.rdp.netty.client.DynamicChannels;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * The agent's plugins: a {@link PluginHost} over the plugin store in the state directory (where
 * {@code porthole plugin install --root <state>} puts packages, verified against
 * {@code <state>/plugin-trust-anchors.pem}), running the installed plugins that
 * {@code plugins.allowed} names. Each (re)connected RDP session gets a new {@link RdpDvcSession}
 * behind the host's one {@link SessionDvc}, then the host's {@code sessionConnected}; the session's
 * end is {@code sessionDisconnected}. A plugin that is not installed or does not verify is logged and
 * left out; the session never depends on plugins.
 */
public final class AgentPlugins implements AutoCloseable {

    private static final TaggedLogger LOG = Logger.tag("plugin");

    /** The trust anchors for plugin signatures, in the state directory. */
    public static final String TRUST_ANCHORS = "plugin-trust-anchors.pem";

    /** Builds the host over the agent's {@link DvcSession}. */
    @FunctionalInterface
    public interface HostFactory {
        PluginHost create(DvcSession session, PluginEvents events);
    }

    private final PluginHost host;
    private final SessionDvc dvc = new SessionDvc();
    private final List<String> running = new ArrayList<>();

    private AgentPlugins(HostFactory factory, PluginEvents events) {
        this.host = factory.create(dvc, e -> {
            log(e);
            events.onEvent(e);
        });
    }

    /**
     * The host for the state directory {@code stateRoot}: store {@code <stateRoot>/plugins}, sandbox run
     * directory {@code <stateRoot>/plugin-run}; then each allowed, installed plugin is started.
     */
    public static AgentPlugins start(List<String> allowed, Path stateRoot, PluginEvents events) {
        PluginStore store = new PluginStore(stateRoot, new PackageVerifier(anchors(stateRoot.resolve(TRUST_ANCHORS)),
                ChannelPolicy.defaults()));
        Path run = stateRoot.resolve("plugin-run");
        SandboxConfig sandbox = SandboxConfig.defaults(Path.of(System.getProperty("java.home")), RuntimeJars.locate(), run,
                SeccompProfile.Platform.ociArch(System.getProperty("os.arch")), System.getProperty("os.version"));
        return start(allowed, (session, ev) -> new PluginHost(HostConfig.defaults(), new SandboxLauncher(sandbox), run, store,
                session, ev, InstantSource.system()), events);
    }

    /** A host from {@code factory}; each of {@code allowed} is started (failures are logged and skipped). */
    public static AgentPlugins start(List<String> allowed, HostFactory factory, PluginEvents events) {
        AgentPlugins p = new AgentPlugins(factory, events);
        for (String id : allowed) {
            try {
                p.host.start(id);
                p.running.add(id);
                LOG.info("plugin starting id={}", id);
            } catch (SandboxException e) {
                LOG.warn("plugin not started id={} kind={} reason=\"{}\"", id, e.kind(), e.getMessage());
            }
        }
        return p;
    }

    /** The plugins that were started (each supervised by the host from then on). */
    public List<String> started() {
        return List.copyOf(running);
    }

    /** The host (status, pids). */
    public PluginHost host() {
        return host;
    }

    /** A session is up: its dynamic channels serve the plugins' channel names. */
    public void sessionConnected(DynamicChannels channels) {
        dvc.attach(new RdpDvcSession(channels));
        host.sessionConnected();
    }

    /** The session is gone: the plugins' channels close and they are told. */
    public void sessionDisconnected() {
        if (dvc.attached()) {
            dvc.detach();
            host.sessionDisconnected(0);
        }
    }

    @Override
    public void close() {
        dvc.detach();
        host.close();
    }

    private static List<X509Certificate> anchors(Path pem) {
        if (!Files.isRegularFile(pem)) {
            LOG.warn("no plugin trust anchors at {}: no installed plugin will verify", pem);
            return List.of();
        }
        try {
            return PackageSignature.readCertificates(Files.readString(pem), pem.toString());
        } catch (IOException | RuntimeException e) {
            LOG.warn("plugin trust anchors {} unreadable: {}", pem, e.getMessage());
            return List.of();
        }
    }

    private static void log(PluginEvent e) {
        switch (e) {
            case PluginEvent.Log l -> LOG.debug("plugin output id={} line=\"{}\"", l.pluginId(), l.line());
            case PluginEvent.Started s -> LOG.info("plugin started id={} incarnation={} isolation={}", s.pluginId(),
                    s.incarnation(), s.isolation());
            default -> LOG.info("plugin event {}", e);
        }
    }
}
