package dev.porthole.plugin.sandbox.host;

import java.time.Duration;

import dev.porthole.plugin.sandbox.SandboxException;

/**
 * The host's protocol limits and supervision policy.
 *
 * @param maxMessageSize      largest message in either direction (bytes)
 * @param initialCredit       bytes each side may send on a channel before the other grants more
 * @param maxQueuedToPlugin   server bytes buffered per channel while the plugin has no credit; beyond, the channel is closed
 * @param connectTimeout      from process start to HELLO
 * @param initializeTimeout   from HELLO to INITIALIZED
 * @param acceptTimeout       for the plugin to accept or refuse a new channel
 * @param pingInterval        heartbeat period
 * @param heartbeatTimeout    no PONG for this long → killed
 * @param callbackTimeout     a callback running this long → killed
 * @param controlFramesPerSecond sustained rate of non-data frames a plugin may send (burst: 4 s worth); beyond → killed
 * @param outputLinesPerSecond   stdout/stderr lines logged per second; beyond, lines are counted and dropped
 * @param restartBackoff      first restart delay (doubles per crash)
 * @param maxRestartBackoff   cap of the restart delay
 * @param crashLoopCount      this many crashes within {@code crashLoopWindow} disable the plugin
 * @param crashLoopWindow     see {@code crashLoopCount}
 * @param terminateTimeout    after TERMINATE, how long to wait before killing
 */
public record HostConfig(int maxMessageSize, int initialCredit, int maxQueuedToPlugin, Duration connectTimeout,
                         Duration initializeTimeout, Duration acceptTimeout, Duration pingInterval, Duration heartbeatTimeout,
                         Duration callbackTimeout, int controlFramesPerSecond, int outputLinesPerSecond, Duration restartBackoff,
                         Duration maxRestartBackoff, int crashLoopCount, Duration crashLoopWindow, Duration terminateTimeout) {

    public HostConfig {
        if (maxMessageSize < 1600 || initialCredit < 1 || maxQueuedToPlugin < maxMessageSize || crashLoopCount < 1
                || controlFramesPerSecond < 10 || outputLinesPerSecond < 1) {
            throw new SandboxException(SandboxException.Kind.ARGUMENT, "invalid host limits: " + this);
        }
    }

    /**
     * 16 MiB messages, 1 MiB credit, 32 MiB queued per channel, 15 s to connect, 15 s to initialise,
     * 5 s to accept, ping every 1 s, 6 s heartbeat timeout, 10 s callback limit, 500 control frames/s,
     * 200 output lines/s, restart after 0.5 s doubling to 30 s, 5 crashes in 60 s disable, 5 s to terminate.
     */
    public static HostConfig defaults() {
        return new HostConfig(16 << 20, 1 << 20, 32 << 20, Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(6), Duration.ofSeconds(10), 500, 200, Duration.ofMillis(500),
                Duration.ofSeconds(30), 5, Duration.ofSeconds(60), Duration.ofSeconds(5));
    }

    /** A copy with another restart policy. */
    public HostConfig withRestart(Duration backoff, Duration maxBackoff, int loopCount, Duration loopWindow) {
        return new HostConfig(maxMessageSize, initialCredit, maxQueuedToPlugin, connectTimeout, initializeTimeout, acceptTimeout,
                pingInterval, heartbeatTimeout, callbackTimeout, controlFramesPerSecond, outputLinesPerSecond, backoff, maxBackoff,
                loopCount, loopWindow, terminateTimeout);
    }

    /** A copy with other heartbeat limits. */
    public HostConfig withHeartbeat(Duration interval, Duration timeout, Duration callback) {
        return new HostConfig(maxMessageSize, initialCredit, maxQueuedToPlugin, connectTimeout, initializeTimeout, acceptTimeout,
                interval, timeout, callback, controlFramesPerSecond, outputLinesPerSecond, restartBackoff, maxRestartBackoff,
                crashLoopCount, crashLoopWindow, terminateTimeout);
    }
}
