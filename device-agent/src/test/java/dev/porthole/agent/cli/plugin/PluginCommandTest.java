package dev.porthole.agent.cli.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.agent.cli.PortholeCli;

/** The vendor and device workflow through {@code porthole plugin ...}, with development keys. */
class PluginCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return PortholeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path pluginDir() throws Exception {
        Path p = dir.resolve("echo-src");
        Files.createDirectories(p.resolve("lib"));
        Files.writeString(p.resolve("manifest.json"), """
                {"schema": 1, "id": "com.example.echo", "version": "1.0.0", "vendor": "Example Corp",
                 "entryClass": "com.example.porthole.echo.EchoPlugin", "channels": ["ExampleEcho"], "memoryLimitMb": 32}
                """);
        Files.write(p.resolve("lib/echo.jar"), new byte[] {'P', 'K', 5, 6});
        return p;
    }

    @Test
    void packSignVerifyInstallListRemove() throws Exception {
        Path keys = dir.resolve("keys");
        Path state = dir.resolve("state");
        assertThat(run("plugin", "dev-keys", "--out", keys.toString())).isZero();
        assertThat(keys.resolve("fleet-ca.pem")).exists();
        Path pkg = dir.resolve("echo.zip");
        assertThat(run("plugin", "pack", pluginDir().toString(), "-o", pkg.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("packed com.example.echo 1.0.0 (2 files, unsigned)");

        String trust = keys.resolve("fleet-ca.pem").toString();
        assertThat(run("plugin", "verify", pkg.toString(), "--trust", trust)).isEqualTo(1);
        assertThat(out.toString()).contains("REFUSED").contains("SIGNATURE").contains("is not signed");

        assertThat(run("plugin", "sign", pkg.toString(), "--key", keys.resolve("vendor-key.pem").toString(),
                "--cert", keys.resolve("vendor.pem").toString())).as(err.toString()).isZero();
        assertThat(run("plugin", "verify", pkg.toString(), "--trust", trust)).as(out.toString()).isZero();
        assertThat(out.toString()).contains("OK").contains("channels:     [ExampleEcho]").contains("signed by:    CN=Example Corp plugins");

        assertThat(run("plugin", "install", pkg.toString(), "--root", state.toString(), "--trust", trust)).as(out.toString()).isZero();
        assertThat(run("plugin", "list", "--root", state.toString(), "--trust", trust)).isZero();
        assertThat(out.toString()).contains("com.example.echo").contains("1.0.0");

        // an anchor that did not issue the vendor certificate
        Path other = dir.resolve("other");
        run("plugin", "dev-keys", "--out", other.toString());
        assertThat(run("plugin", "verify", pkg.toString(), "--trust", other.resolve("fleet-ca.pem").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("REFUSED").contains("TRUST").contains("does not chain to a trust anchor");

        assertThat(run("plugin", "remove", "com.example.echo", "--root", state.toString())).isZero();
        assertThat(run("plugin", "list", "--root", state.toString(), "--trust", trust)).isZero();
        assertThat(out.toString()).contains("no plugins installed");
        assertThat(run("plugin", "remove", "com.example.echo", "--root", state.toString())).isEqualTo(1);
    }

    @Test
    void errorsNameTheProblem() throws Exception {
        Path src = pluginDir();
        Files.writeString(src.resolve("manifest.json"), "{\"schema\": 1, \"id\": \"X\"}");
        assertThat(run("plugin", "pack", src.toString(), "-o", dir.resolve("x.zip").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("manifest.json: $.id: 'X' is not a lower-case reverse-DNS id");
        assertThat(run("plugin", "verify", dir.resolve("missing.zip").toString(), "--trust", dir.resolve("none.pem").toString()))
                .isEqualTo(1);
        assertThat(err.toString() + out.toString()).contains("none.pem");
        assertThat(run("plugin", "pack", "-o", "x.zip")).isEqualTo(2);
        assertThat(err.toString()).contains("give either DIR or --manifest");
    }
}
