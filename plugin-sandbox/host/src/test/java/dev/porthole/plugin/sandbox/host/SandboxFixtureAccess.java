package dev.porthole.plugin.sandbox.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.porthole.plugin.sandbox.launch.SandboxConfig;
import dev.porthole.plugin.sandbox.pkg.DevCertificates;

/** The sandbox fixture's keys and package builders, for tests in other packages (no host started). */
public final class SandboxFixtureAccess {

    private final SandboxFixture f;

    public SandboxFixtureAccess(Path dir) {
        f = new SandboxFixture(dir, HostConfig.defaults());
        f.close(); // only the keys, the store and the package helpers are used
    }

    public DevCertificates.Identity ca() {
        return f.ca;
    }

    public SandboxConfig sandboxConfig() {
        return SandboxFixture.sandboxConfig(f.dir.resolve("run2"));
    }

    public Path echoPackage() throws IOException {
        return f.signedPackage("echo", Files.readString(SandboxFixture.repo().resolve("plugin-sandbox/examples/echo-plugin/src/plugin/manifest.json")),
                List.of(f.pluginJar(com.example.porthole.echo.EchoPlugin.class)), List.of());
    }

    public Path packageOf(String name, String manifest, Class<?>... classes) throws IOException {
        return f.signedPackage(name, manifest, List.of(f.jarWith(name + ".jar", classes)), List.of());
    }
}
