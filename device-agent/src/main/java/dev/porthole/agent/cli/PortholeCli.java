package dev.porthole.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;

import dev.porthole.agent.logging.Logging;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code porthole}: the device agent's command line. The repository's {@code ./porthole} script runs
 * this class. Sub-commands arrive with the issues that need them (connect, run, demo, config,
 * plugin, fleet …).
 */
@Command(name = "porthole",
        mixinStandardHelpOptions = true,
        versionProvider = PortholeCli.BuildVersion.class,
        description = "Porthole: the userland of a dedicated RDP thin-client appliance.",
        subcommands = {
                PortholeCli.VersionCommand.class,
                DemoCommand.class,
                ConnectCommand.class,
                RunCommand.class,
                FleetCommand.class,
                PluginCommand.class,
                CodecCommand.class,
                ConfigCommand.class,
                StatusCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class PortholeCli implements Callable<Integer> {

    @Option(names = "--log-level", defaultValue = "warn", paramLabel = "LEVEL",
            description = "Console log level: trace, debug, info, warn, error, off (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams; returns the exit status (0 ok, 2 usage error, 1 failure). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new PortholeCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parseResult -> {
            PortholeCli root = parseResult.commandSpec().commandLine().getCommand();
            Logging.apply(Logging.cliProperties(root.logLevel));
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("porthole: " + ex.getMessage());
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The version of this build, from the build properties written by Maven. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = PortholeCli.class.getResourceAsStream("/dev/porthole/agent/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    static final class BuildVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"porthole " + version()};
        }
    }

    /** {@code porthole version}: the agent version and the Java runtime it runs on. */
    @Command(name = "version", description = "Print the Porthole version and the Java runtime.")
    static final class VersionCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("porthole " + version());
            out.println("java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                    + System.getProperty("java.home") + ")");
            out.println("os " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch"));
            return 0;
        }
    }
}
