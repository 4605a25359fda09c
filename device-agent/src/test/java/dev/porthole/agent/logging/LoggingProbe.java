package dev.porthole.agent.logging;

import java.nio.file.Path;

import org.tinylog.Logger;
import org.tinylog.provider.ProviderRegistry;

/** Run in a child JVM by LoggingTest: configures agent logging into a state dir and logs tagged lines. */
public final class LoggingProbe {
    public static void main(String[] args) throws Exception {
        Logging.apply(Logging.agentProperties(Path.of(args[0]), "info"));
        Logger.tag("rdp").info("session=7 milestone=connected host={}", "127.0.0.1");
        Logger.tag("display").debug("hidden at info level");
        Logger.tag("provisioning").warn("broker unreachable attempt={}", 3);
        ProviderRegistry.getLoggingProvider().shutdown();
    }
}
