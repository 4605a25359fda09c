package dev.porthole.plugin.sandbox.host;

/** Receives {@link PluginEvent}s. Called from host threads; must not block. */
@FunctionalInterface
public interface PluginEvents {
    void onEvent(PluginEvent event);
}
