package dev.porthole.provisioning.device;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import dev.porthole.provisioning.config.ConfigDocument;

/** A scriptable {@link ConfigApplier} that records its calls. */
public final class FakeApplier implements ConfigApplier {

    /** One call. */
    public record Call(long version, Reason reason) {}

    public final List<Call> calls = new ArrayList<>();
    private final Deque<ApplyResult> results = new ArrayDeque<>();
    private final Deque<HealthResult> health = new ArrayDeque<>();
    private volatile Function<ConfigDocument, ApplyResult> policy = d -> ApplyResult.applied();

    /** The next apply returns {@code r} (then back to the policy). */
    public FakeApplier next(ApplyResult r) {
        results.add(r);
        return this;
    }

    /** The next health check returns {@code h}. */
    public FakeApplier nextHealth(HealthResult h) {
        health.add(h);
        return this;
    }

    public FakeApplier policy(Function<ConfigDocument, ApplyResult> p) {
        this.policy = p;
        return this;
    }

    @Override
    public synchronized ApplyResult apply(ConfigDocument document, Reason reason) {
        calls.add(new Call(document.version(), reason));
        ApplyResult r = results.poll();
        return r != null ? r : policy.apply(document);
    }

    @Override
    public synchronized HealthResult healthCheck(ConfigDocument document) {
        HealthResult h = health.poll();
        return h != null ? h : HealthResult.ok();
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }
}
