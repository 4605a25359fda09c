package dev.porthole.agent.fleet;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.porthole.agent.boot.BootMachine;
import dev.porthole.agent.boot.BootSettings;
import dev.porthole.provisioning.device.ApplyResult;
import dev.porthole.provisioning.device.ConfigApplier;
import dev.porthole.provisioning.config.ConfigDocument;

/**
 * Puts verified fleet configuration into force through the boot machine: changes the live session does
 * not depend on apply at once; changes that need a new session wait for the next disconnect
 * ({@link ApplyResult.Pending}), unless the document's settings say {@code "disruptive": true}, which
 * restarts the session now. {@code mapper} turns a document's settings into boot settings (the
 * agent's configuration model); its exceptions become {@link ApplyResult.Failed}.
 */
public final class SessionConfigApplier implements ConfigApplier {

    private final BootMachine machine;
    private final Function<ObjectNode, BootSettings> mapper;

    /** Applies through {@code machine}. */
    public SessionConfigApplier(BootMachine machine, Function<ObjectNode, BootSettings> mapper) {
        this.machine = machine;
        this.mapper = mapper;
    }

    @Override
    public ApplyResult apply(ConfigDocument document, Reason reason) {
        BootSettings next;
        try {
            next = mapper.apply(document.settings());
        } catch (RuntimeException e) {
            return ApplyResult.failed("settings of version " + document.version() + ": " + e.getMessage());
        }
        boolean disruptive = document.settings().path("disruptive").asBoolean(false);
        BootMachine.Applied applied;
        try {
            applied = machine.applySettings(next, disruptive).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApplyResult.failed("interrupted");
        } catch (Exception e) {
            return ApplyResult.failed("the agent did not take the settings: " + e.getMessage());
        }
        return switch (applied) {
            case LIVE, RESTARTED -> ApplyResult.applied();
            case AT_NEXT_DISCONNECT -> ApplyResult.pending("needs a new session; applied when the current one ends");
        };
    }
}
