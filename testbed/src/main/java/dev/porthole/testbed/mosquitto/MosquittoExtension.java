package dev.porthole.testbed.mosquitto;

import java.util.Objects;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.porthole.testbed.PeerExtension;

/**
 * Starts one private {@link MosquittoBroker} per test class, injects it into test methods and constructors
 * (parameter type {@code MosquittoBroker}), stops it after the class, and attaches its log to failures.
 *
 * <p>Default options:
 * <pre>{@code
 * @ExtendWith(MosquittoExtension.class)
 * class FleetLinkTest {
 *     @Test void converges(MosquittoBroker broker) { ... broker.uri() ... broker.socketFactory(broker.issueClient("dev-1")) ... }
 * }
 * }</pre>
 * Custom options (ACL, fleet identity, extra configuration):
 * <pre>{@code
 * @RegisterExtension
 * static final MosquittoExtension BROKER = new MosquittoExtension(MosquittoOptions.defaults().withFleetIdentity("ops"));
 * }</pre>
 * One broker per class and extension type; start further brokers with {@link MosquittoBroker#launch(MosquittoOptions)}.
 */
public class MosquittoExtension extends PeerExtension<MosquittoBroker> {

    private final MosquittoOptions options;

    /** A broker with {@link MosquittoOptions#defaults()} (used by {@code @ExtendWith}). */
    public MosquittoExtension() {
        this(MosquittoOptions.defaults());
    }

    /** A broker with the given options (used with {@code @RegisterExtension}). */
    public MosquittoExtension(MosquittoOptions options) {
        super(MosquittoBroker.class);
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    protected MosquittoBroker start(ExtensionContext context) {
        return MosquittoBroker.launch(options);
    }
}
