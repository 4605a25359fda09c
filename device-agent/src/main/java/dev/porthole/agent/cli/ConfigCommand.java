package dev.porthole.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import dev.porthole.agent.config.AgentConfig;
import dev.porthole.agent.config.ConfigException;
import dev.porthole.agent.config.ConfigLoader;
import dev.porthole.agent.config.ConfigParser;
import dev.porthole.agent.config.ConfigWriter;
import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.config.rdp.RdpFile;
import dev.porthole.agent.config.rdp.RdpFileException;
import dev.porthole.agent.config.rdp.RdpImport;
import dev.porthole.agent.credentials.CredentialsException;
import dev.porthole.agent.credentials.PasswordStore;
import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.store.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code porthole config ...}: check a configuration file, show the effective one, import a {@code .rdp} file, store
 * the kiosk password. The library behind it is {@code agent.config} and {@code agent.credentials}.
 */
@Command(name = "config", description = "The device configuration: validate, show, import a .rdp file, set the kiosk password.",
        subcommands = {
                ConfigCommand.Validate.class,
                ConfigCommand.Show.class,
                ConfigCommand.Import.class,
                ConfigCommand.SetPassword.class,
        })
public final class ConfigCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code porthole config validate FILE}. */
    @Command(name = "validate", description = "Check a porthole.json: every error names the field, line and column.")
    static final class Validate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The configuration file.")
        Path file;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AgentConfig c;
            try {
                c = ConfigParser.parse(file);
            } catch (NoSuchFileException e) {
                err.println("porthole: " + file + ": no such file");
                return 1;
            } catch (ConfigException e) {
                err.println(e.getMessage());
                return 1;
            }
            out.println(file + ": valid");
            out.println(summary(c));
            if (!c.hasHost()) {
                out.println("note: no host configured; the device will wait for provisioning");
            }
            return 0;
        }
    }

    /** One-paragraph summary of a configuration (no secrets: there are none in it). */
    static String summary(AgentConfig c) {
        AgentConfig.Connection conn = c.connection();
        StringBuilder b = new StringBuilder();
        b.append("  hosts:       ").append(conn.hosts().isEmpty() ? "(none)" : String.join(", ",
                conn.hosts().stream().map(h -> h.host() + ":" + conn.portOf(h)).toList())).append('\n');
        b.append("  security:    ").append(conn.security().id()).append(", trust ").append(conn.trust().mode().id())
                .append('\n');
        b.append("  credentials: ").append(c.credentials().mode().id());
        if (!c.credentials().username().isEmpty()) {
            b.append(" (").append(c.credentials().domain().isEmpty() ? "" : c.credentials().domain() + "\\")
                    .append(c.credentials().username()).append(')');
        }
        b.append('\n');
        AgentConfig.Desktop d = c.desktop();
        b.append("  desktop:     ").append(d.followsDisplay() ? "display size" : d.width() + "x" + d.height())
                .append(", ").append(d.bpp()).append(" bpp, ").append(d.monitors()).append(" monitor(s)").append('\n');
        b.append("  display:     ").append(c.display().backend().id()).append(", rotation ").append(c.display().rotation())
                .append('\n');
        b.append("  fleet link:  ").append(c.provisioning().enabled() ? c.provisioning().brokerUrl() + " tenant "
                + c.provisioning().tenant() : "off");
        return b.toString();
    }

    /** {@code porthole config show}: what the agent would load, and from where. */
    @Command(name = "show", description = "Print the configuration the agent would use (file, else last known good, "
            + "else the image default) as JSON with every default filled in.")
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE",
                description = "Configuration file (default: $PORTHOLE_CONFIG or " + ConfigLoader.DEFAULT_FILE + ").")
        Path config;

        @Option(names = "--state-dir", paramLabel = "DIR",
                description = "State directory (default: $PORTHOLE_STATE_DIR or " + StateDirectory.DEFAULT + ").")
        Path stateDir;

        @Override
        public Integer call() {
            Path file = ConfigLoader.configFile(config, System.getenv());
            StateDirectory state = StateDirectory.resolve(stateDir, System.getenv());
            ConfigLoader.Loaded l = ConfigLoader.load(file, state);
            PrintWriter err = spec.commandLine().getErr();
            err.println("source: " + l.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " ("
                    + l.origin() + ")" + (l.reason().isEmpty() ? "" : "; because " + l.reason()));
            spec.commandLine().getOut().print(new String(ConfigWriter.write(l.config()), StandardCharsets.UTF_8));
            return 0;
        }
    }

    /** {@code porthole config import FILE.rdp [--out config.json]}. */
    @Command(name = "import", description = "Turn a .rdp file (mstsc's UTF-16 or UTF-8) into a porthole.json; lists "
            + "what was applied, what Porthole does not support and what was ignored.")
    static final class Import implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE.rdp", description = "The .rdp file.")
        Path rdp;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the configuration here (default: standard "
                + "output; the report then goes to standard error).")
        Path outFile;

        @Option(names = "--force", description = "Overwrite --out when it exists.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            byte[] data;
            try (InputStream in = Files.newInputStream(rdp)) {
                data = in.readNBytes(RdpFile.MAX_BYTES + 1);
            } catch (NoSuchFileException e) {
                err.println("porthole: " + rdp + ": no such file");
                return 1;
            }
            RdpImport.Result r;
            try {
                r = RdpImport.toConfig(RdpFile.parse(data));
            } catch (RdpFileException e) {
                err.println(rdp + ": " + e.getMessage());
                return 1;
            }
            byte[] json = ConfigWriter.write(r.config());
            PrintWriter report = outFile == null ? err : out;
            if (outFile != null) {
                if (Files.exists(outFile) && !force) {
                    err.println("porthole: " + outFile + " exists; use --force to replace it");
                    return 1;
                }
                try {
                    AtomicFiles.write(outFile, json, AtomicFiles.SHAREABLE);
                } catch (ProvisioningException e) {
                    err.println("porthole: " + e.getMessage());
                    return 1;
                }
                report.println("wrote " + outFile);
            } else {
                out.print(new String(json, StandardCharsets.UTF_8));
                out.flush();
            }
            section(report, "applied", r.applied());
            section(report, "unsupported", r.unsupported());
            section(report, "ignored", r.ignored());
            return 0;
        }

        private static void section(PrintWriter w, String title, List<String> lines) {
            w.println(title + " (" + lines.size() + "):");
            for (String l : lines) {
                w.println("  " + l);
            }
        }
    }

    /** {@code porthole config set-password}: the kiosk password, encrypted with the device key. */
    @Command(name = "set-password", description = "Store the kiosk password encrypted (AES-256-GCM) with the device "
            + "key in the state directory. Reads the first line of --password-file, or of standard input.")
    static final class SetPassword implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--password-file", paramLabel = "FILE",
                description = "Read the password from the first line of FILE ('-': standard input, the default).")
        Path passwordFile;

        @Option(names = "--state-dir", paramLabel = "DIR",
                description = "State directory (default: $PORTHOLE_STATE_DIR or " + StateDirectory.DEFAULT + ").")
        Path stateDir;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            char[] password;
            if (passwordFile == null || passwordFile.toString().equals("-")) {
                password = firstLine(System.in);
            } else {
                try (InputStream in = Files.newInputStream(passwordFile)) {
                    password = firstLine(in);
                } catch (NoSuchFileException e) {
                    err.println("porthole: " + passwordFile + ": no such file");
                    return 1;
                }
            }
            try {
                if (password.length == 0) {
                    err.println("porthole: the password is empty (nothing on the first line)");
                    return 1;
                }
                StateDirectory state = StateDirectory.resolve(stateDir, System.getenv());
                PasswordStore store = PasswordStore.of(state);
                store.store(password);
                spec.commandLine().getOut().println("kiosk password stored in " + store.file()
                        + " (encrypted with " + state.deviceKey() + ")");
                return 0;
            } catch (CredentialsException e) {
                err.println("porthole: " + e.getMessage());
                return 1;
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        /** The first line (without CR/LF) as chars; the raw bytes are cleared. */
        static char[] firstLine(InputStream in) throws IOException {
            byte[] buf = new byte[PasswordStore.MAX_CHARS * 4 + 2];
            int n = 0;
            int b;
            while (n < buf.length && (b = in.read()) >= 0 && b != '\n') {
                buf[n++] = (byte) b;
            }
            if (n > 0 && buf[n - 1] == '\r') {
                n--;
            }
            try {
                java.nio.CharBuffer cb = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(buf, 0, n));
                char[] out = new char[cb.remaining()];
                cb.get(out);
                if (cb.hasArray()) {
                    Arrays.fill(cb.array(), '\0');
                }
                return out;
            } finally {
                Arrays.fill(buf, (byte) 0);
            }
        }
    }
}
