package dev.porthole.plugin.sandbox.host;

/**
 * What happened to a plugin, for the device's log, provisioning reports and tests. Every event names
 * the plugin.
 */
public sealed interface PluginEvent {

    /** The plugin id. */
    String pluginId();

    /** A plugin process connected and initialised. */
    record Started(String pluginId, int incarnation, long startupMillis, String isolation) implements PluginEvent {}

    /** A plugin process ended; {@code restartInMillis} is -1 when it will not be restarted. */
    record Exited(String pluginId, int incarnation, int exitCode, String reason, long restartInMillis) implements PluginEvent {}

    /** The plugin crashed too often and is disabled until started again explicitly. */
    record Disabled(String pluginId, String reason) implements PluginEvent {}

    /** The plugin broke a rule (flood, credit overrun, undeclared channel, missed heartbeat, blocked callback) and is being killed. */
    record Violation(String pluginId, String reason) implements PluginEvent {}

    /** The inner seccomp filter denied a system call. */
    record SyscallDenied(String pluginId, int syscallNumber, String syscall) implements PluginEvent {}

    /** A line the plugin logged (LOG frame) or printed (stdout/stderr). */
    record Log(String pluginId, int level, String line) implements PluginEvent {}

    /** A channel was opened to the plugin and accepted. */
    record ChannelOpened(String pluginId, long channelId, String channelName) implements PluginEvent {}

    /** A channel of the plugin closed. */
    record ChannelClosed(String pluginId, long channelId, String reason) implements PluginEvent {}
}
