package dev.porthole.plugin.sandbox.certify;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import dev.porthole.plugin.sandbox.host.LoopbackSession;

/** Round-trip and throughput measurements over one channel to a plugin that answers each message. */
public final class EchoLoad {

    private EchoLoad() {}

    /** Round-trip results in microseconds; {@code mismatches} counts answers that were not the same bytes. */
    public record RoundTrips(int size, int count, double p50Micros, double p99Micros, double meanMicros, int timeouts, int mismatches) {}

    /** Throughput in messages and bytes per second (both directions carry the bytes). */
    public record Throughput(int size, int messages, double messagesPerSecond, double megabytesPerSecond, int mismatches) {}

    /** Sends {@code count} messages of {@code size} bytes one at a time, waiting for each answer. */
    public static RoundTrips roundTrips(LoopbackSession.ServerEnd end, int size, int count, Duration timeout) throws InterruptedException {
        byte[] msg = new byte[size];
        new Random(size).nextBytes(msg);
        long[] t = new long[count];
        int timeouts = 0;
        int mismatches = 0;
        int n = 0;
        for (int i = 0; i < count; i++) {
            msg[0] = (byte) i;
            long start = System.nanoTime();
            end.write(msg.clone());
            byte[] back = end.read(timeout);
            long took = System.nanoTime() - start;
            if (back == null) {
                timeouts++;
                break;
            }
            if (!Arrays.equals(back, msg)) {
                mismatches++;
            }
            t[n++] = took;
        }
        long[] done = Arrays.copyOf(t, n);
        Arrays.sort(done);
        return new RoundTrips(size, n, pct(done, 0.50) / 1e3, pct(done, 0.99) / 1e3,
                n == 0 ? 0 : Arrays.stream(done).average().orElse(0) / 1e3, timeouts, mismatches);
    }

    /** Keeps up to {@code window} messages in flight until {@code count} have been answered. */
    public static Throughput throughput(LoopbackSession.ServerEnd end, int size, int count, int window, Duration timeout)
            throws InterruptedException {
        byte[] msg = new byte[size];
        new Random(size + 1).nextBytes(msg);
        int sent = 0;
        int got = 0;
        int mismatches = 0;
        long start = System.nanoTime();
        while (got < count) {
            while (sent < count && sent - got < window) {
                end.write(msg.clone());
                sent++;
            }
            byte[] back = end.read(timeout);
            if (back == null) {
                break;
            }
            if (!Arrays.equals(back, msg)) {
                mismatches++;
            }
            got++;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return new Throughput(size, got, got / secs, (double) got * size / secs / (1 << 20), mismatches);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
