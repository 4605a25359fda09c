package dev.porthole.agent.cli.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.porthole.echo.EchoPlugin;

import dev.porthole.agent.cli.PortholeCli;

/**
 * {@code porthole plugin certify} on the real echo example (in its sandbox, quick load) writes a signed
 * JSON report and a human one, and {@code porthole plugin verify-report} accepts it — and refuses it
 * once the JSON is changed or against another fleet's anchors.
 */
class PluginCertifyCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return PortholeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void certifyWritesASignedReportThatVerifiesAndTamperingIsDetected() throws Exception {
        Path keys = dir.resolve("keys");
        assertThat(run("plugin", "dev-keys", "--out", keys.toString())).isZero();
        Path src = Files.createDirectories(dir.resolve("echo-src/lib"));
        Files.copy(Path.of(System.getProperty("porthole.repo.root", "..")).resolve(
                "plugin-sandbox/examples/echo-plugin/src/plugin/manifest.json"), src.getParent().resolve("manifest.json"));
        echoJar(src.resolve("example-echo-plugin.jar"));
        Path pkg = dir.resolve("echo.zip");
        assertThat(run("plugin", "pack", src.getParent().toString(), "-o", pkg.toString())).as(err.toString()).isZero();
        assertThat(run("plugin", "sign", pkg.toString(), "--key", keys.resolve("vendor-key.pem").toString(),
                "--cert", keys.resolve("vendor.pem").toString())).as(err.toString()).isZero();

        String trust = keys.resolve("fleet-ca.pem").toString();
        Path report = dir.resolve("report");
        assertThat(run("plugin", "certify", pkg.toString(), "--trust", trust, "--device-key", keys.resolve("device-key.pem").toString(),
                "--device-cert", keys.resolve("device.pem").toString(), "--out", report.toString(), "--quick"))
                .as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Porthole plugin certification: PASS").contains("PASS  sandbox.syscalls");
        assertThat(report.resolve("report.txt")).content().startsWith("Porthole plugin certification: PASS");
        assertThat(report.resolve("report.json")).content().contains("\"com.example.echo\"");

        assertThat(run("plugin", "verify-report", report.toString(), "--trust", trust)).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("OK").contains("signed by CN=").contains("Porthole plugin certification: PASS");

        Path other = dir.resolve("other");
        run("plugin", "dev-keys", "--out", other.toString());
        assertThat(run("plugin", "verify-report", report.toString(), "--trust", other.resolve("fleet-ca.pem").toString())).isEqualTo(1);
        assertThat(err.toString() + out).contains("trust anchor");

        String json = Files.readString(report.resolve("report.json"));
        Files.writeString(report.resolve("report.json"), json.replaceFirst("PASS", "PASS "));
        assertThat(run("plugin", "verify-report", report.toString(), "--trust", trust)).isEqualTo(1);
        assertThat(err.toString() + out).isNotEmpty().doesNotContain("OK ");
    }

    /** The echo example's jar, made from wherever its classes were loaded (artifact jar or reactor class directory). */
    private static void echoJar(Path jar) throws Exception {
        Path where = Path.of(EchoPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isDirectory(where)) {
            Files.copy(where, jar);
            return;
        }
        try (JarOutputStream o = new JarOutputStream(Files.newOutputStream(jar)); var walk = Files.walk(where)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                o.putNextEntry(new JarEntry(where.relativize(f).toString()));
                o.write(Files.readAllBytes(f));
                o.closeEntry();
            }
        }
    }
}
