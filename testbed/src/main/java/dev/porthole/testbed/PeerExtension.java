package dev.porthole.testbed;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Base of the JUnit 5 extensions that start a real peer once per test class (in {@code beforeAll}),
 * inject it into test methods and constructors, always stop it (in {@code afterAll}, and through the
 * extension store if the class is aborted), and attach the tail of the peer's logs to any failure.
 *
 * @param <P> the peer type
 */
public abstract class PeerExtension<P extends Peer> implements BeforeAllCallback, AfterAllCallback, ParameterResolver,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private static final int LOG_TAIL_LINES = 60;

    private final Class<P> type;

    protected PeerExtension(Class<P> type) {
        this.type = type;
    }

    /** Starts the peer for {@code context}'s test class. */
    protected abstract P start(ExtensionContext context);

    private ExtensionContext.Namespace namespace() {
        return ExtensionContext.Namespace.create(PeerExtension.class, getClass());
    }

    /** A holder the store closes when the class context ends, even if afterAll never runs. */
    private record Holder<P extends Peer>(P peer) implements AutoCloseable {
        @Override
        public void close() {
            peer.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        P peer = start(context);
        context.getStore(namespace()).put("peer", new Holder<>(peer));
        context.publishReportEntry("peer", peer.describe());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Holder<?> h = context.getStore(namespace()).remove("peer", Holder.class);
        if (h != null) {
            h.close();
        }
    }

    /** The running peer of the current class, or {@code null} when it did not start. */
    protected P peer(ExtensionContext context) {
        ExtensionContext c = context;
        while (c != null) {
            Holder<?> h = c.getStore(namespace()).get("peer", Holder.class);
            if (h != null) {
                return type.cast(h.peer());
            }
            c = c.getParent().orElse(null);
        }
        return null;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        P p = peer(extensionContext);
        if (p == null) {
            throw new ParameterResolutionException(type.getSimpleName() + " is not running for this test class");
        }
        return p;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withLogs(context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withLogs(context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withLogs(context, throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withLogs(context, throwable);
    }

    private Throwable withLogs(ExtensionContext context, Throwable failure) {
        P p = peer(context);
        if (p == null) {
            return failure;
        }
        failure.addSuppressed(new PeerLogs(p.describe(), render(p.logFiles())));
        return failure;
    }

    static String render(List<Path> logs) {
        StringBuilder sb = new StringBuilder();
        for (Path log : logs) {
            sb.append("\n----- ").append(log).append(" (last ").append(LOG_TAIL_LINES).append(" lines) -----\n")
                    .append(PeerProcess.tail(log, LOG_TAIL_LINES));
        }
        return sb.toString();
    }

    /** Carries a peer's log tails on a failing test's exception (as a suppressed exception). */
    public static final class PeerLogs extends RuntimeException {
        PeerLogs(String peer, String logs) {
            super("logs of " + peer + ":" + logs, null, false, false);
        }
    }
}
