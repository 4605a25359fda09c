package dev.porthole.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.agent.config.AgentConfig;
import dev.porthole.agent.config.ConfigParser;
import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.credentials.PasswordStore;

class ConfigCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return PortholeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void validateAcceptsTheSampleAndSummarisesIt() {
        Path sample = Path.of(System.getProperty("porthole.repo.root", "..")).resolve("device-agent/packaging/porthole.json");
        assertThat(run("config", "validate", sample.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains(sample + ": valid").contains("rds1.example.com:3389, rds2.example.com:3390")
                .contains("credentials: interactive");
    }

    @Test
    void validateNamesFieldLineAndColumn() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\n  \"desktop\": {\n    \"bpp\": 12\n  }\n}\n");
        assertThat(run("config", "validate", f.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo(f + ":3:12: desktop.bpp: 12 is not 16, 24 or 32");
        assertThat(run("config", "validate", dir.resolve("none.json").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("none.json: no such file");
    }

    @Test
    void importWritesAConfigurationAndReports() throws Exception {
        Path rdp = dir.resolve("desk.rdp");
        byte[] text = ("full address:s:rds.example:3390\r\nusername:s:LAB\\ann\r\ngatewayhostname:s:gw\r\n"
                + "foo:i:1\r\n").getBytes(StandardCharsets.UTF_16LE);
        byte[] bom = new byte[text.length + 2];
        bom[0] = (byte) 0xff;
        bom[1] = (byte) 0xfe;
        System.arraycopy(text, 0, bom, 2, text.length);
        Files.write(rdp, bom);
        Path json = dir.resolve("porthole.json");
        assertThat(run("config", "import", rdp.toString(), "--out", json.toString())).as(err.toString()).isZero();
        AgentConfig c = ConfigParser.parse(json);
        assertThat(c.connection().hosts().get(0).toString()).isEqualTo("rds.example:3390");
        assertThat(c.credentials().domain()).isEqualTo("LAB");
        assertThat(out.toString()).contains("wrote " + json).contains("unsupported (1):")
                .contains("gatewayhostname: RD Gateway is not supported").contains("foo: unknown setting");

        // an existing output is kept unless --force
        assertThat(run("config", "import", rdp.toString(), "--out", json.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("exists; use --force");
        assertThat(run("config", "import", rdp.toString(), "--out", json.toString(), "--force")).isZero();

        // without --out: JSON on stdout, report on stderr
        StringWriter o2 = new StringWriter();
        StringWriter e2 = new StringWriter();
        assertThat(PortholeCli.run(new String[] {"config", "import", rdp.toString()}, new PrintWriter(o2, true),
                new PrintWriter(e2, true))).isZero();
        assertThat(ConfigParser.parse(o2.toString().getBytes(StandardCharsets.UTF_8), "stdout")).isEqualTo(c);
        assertThat(e2.toString()).contains("applied (");
    }

    @Test
    void importErrorsNameTheLine() throws Exception {
        Path rdp = dir.resolve("bad.rdp");
        Files.writeString(rdp, "full address:s:h\ndesktopwidth:i:99999\ndesktopheight:i:768\n");
        assertThat(run("config", "import", rdp.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(rdp + ": line 2: desktopwidth 99999 is outside 200..8192");
    }

    @Test
    void setPasswordFromFileAndFromStandardInput() throws Exception {
        Path state = dir.resolve("state");
        Path pw = dir.resolve("pw.txt");
        Files.writeString(pw, "s3cret-from-file\nsecond line ignored\n");
        assertThat(run("config", "set-password", "--password-file", pw.toString(), "--state-dir", state.toString()))
                .as(err.toString()).isZero();
        PasswordStore store = PasswordStore.of(new StateDirectory(state));
        assertThat(new String(store.load().orElseThrow())).isEqualTo("s3cret-from-file");
        assertThat(out.toString() + err).doesNotContain("s3cret");

        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("from-stdin\r\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(run("config", "set-password", "--state-dir", state.toString())).as(err.toString()).isZero();
        } finally {
            System.setIn(stdin);
        }
        assertThat(new String(store.load().orElseThrow())).isEqualTo("from-stdin");

        Files.writeString(pw, "\n");
        assertThat(run("config", "set-password", "--password-file", pw.toString(), "--state-dir", state.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("the password is empty");
    }

    @Test
    void showPrintsTheEffectiveConfigurationAndItsSource() throws Exception {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{\"connection\": {\"hosts\": [\"a.example\"]}}");
        assertThat(run("config", "show", "--config", f.toString(), "--state-dir", dir.resolve("s").toString()))
                .as(err.toString()).isZero();
        assertThat(err.toString()).contains("source: file (" + f + ")");
        AgentConfig shown = ConfigParser.parse(out.toString().getBytes(StandardCharsets.UTF_8), "shown");
        assertThat(shown.connection().hosts().get(0).host()).isEqualTo("a.example");
        assertThat(out.toString()).contains("\"bpp\" : 32");
    }
}
