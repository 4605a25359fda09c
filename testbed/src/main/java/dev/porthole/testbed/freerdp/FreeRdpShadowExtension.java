package dev.porthole.testbed.freerdp;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.porthole.testbed.PeerExtension;

/**
 * Starts one {@link FreeRdpShadowServer} (1024x768 desktop) per test class and injects it into test
 * methods and constructors: {@code @ExtendWith(FreeRdpShadowExtension.class)} on the class, a
 * {@code FreeRdpShadowServer} parameter on the test. The server's logs are attached to failures.
 */
public final class FreeRdpShadowExtension extends PeerExtension<FreeRdpShadowServer> {

    public FreeRdpShadowExtension() {
        super(FreeRdpShadowServer.class);
    }

    @Override
    protected FreeRdpShadowServer start(ExtensionContext context) {
        return FreeRdpShadowServer.start();
    }
}
