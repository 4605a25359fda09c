package dev.porthole.agent.cli.plugin;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.porthole.plugin.sandbox.launch.ResourceControl;
import dev.porthole.plugin.sandbox.launch.RuntimeJars;
import dev.porthole.plugin.sandbox.launch.SandboxConfig;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile;

/** The composition root's view of this machine for plugin sandboxes: the running JDK, kernel and architecture. */
final class PluginSandboxes {

    private PluginSandboxes() {}

    /** Sandboxes run on this JVM's JDK with the jars this JVM loaded the SDK, bootstrap and JNA from. */
    static SandboxConfig config(Path runDir) {
        return SandboxConfig.defaults(Path.of(System.getProperty("java.home")), RuntimeJars.locate(), runDir,
                SeccompProfile.Platform.ociArch(System.getProperty("os.arch")), System.getProperty("os.version"));
    }

    /** Facts about this device for certification reports. */
    static Map<String, String> device(SandboxConfig config) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        d.put("arch", System.getProperty("os.arch"));
        d.put("java", Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        d.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        d.put("resources", ResourceControl.detect(config.cgroupBase()).detail());
        return d;
    }
}
