package dev.porthole.plugin.sandbox.launch;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import dev.porthole.plugin.api.Plugin;
import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.bootstrap.PluginBootstrap;

/** Finds the trusted jars (or class directories) a plugin JVM's bootstrap needs: the SDK, this module and JNA. */
public final class RuntimeJars {

    private RuntimeJars() {}

    /** The locations this JVM loaded the SDK, the bootstrap and JNA from. */
    public static List<Path> locate() {
        return List.of(of(Plugin.class), of(PluginBootstrap.class), of(com.sun.jna.Native.class));
    }

    private static Path of(Class<?> c) {
        try {
            var src = c.getProtectionDomain().getCodeSource();
            if (src == null) {
                throw new SandboxException(SandboxException.Kind.SANDBOX, "cannot tell where " + c.getName() + " was loaded from");
            }
            return Path.of(src.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new SandboxException(SandboxException.Kind.SANDBOX, "bad code source for " + c.getName(), e);
        }
    }
}
