package dev.porthole.agent.boot;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import dev.porthole.testbed.xrdp.XrdpExtension;
import dev.porthole.testbed.xrdp.XrdpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link SessionHostAgentTest} against xrdp 0.9 + xorgxrdp over TLS (xrdp checks the password inside the
 * session, not before it, so the NLA sign-in cases do not apply). The ground truth is a capture of the
 * session's own X display; after the cut xrdp takes the client back into the same session.
 */
@ExtendWith(XrdpExtension.class)
class XrdpAgentTest extends SessionHostAgentTest {

    private Host host;

    @BeforeEach
    void host(XrdpServer server) {
        host = new Host() {
            @Override
            public String host() {
                return server.host();
            }

            @Override
            public int port() {
                return server.port();
            }

            @Override
            public String username() {
                return server.username();
            }

            @Override
            public String domain() {
                return "";
            }

            @Override
            public String password() {
                return server.password();
            }

            @Override
            public String certificateSha256() {
                return server.certificateSha256();
            }

            @Override
            public String security() {
                return "tls";
            }

            @Override
            public BufferedImage capture(Path dir) {
                server.awaitDesktop(java.time.Duration.ofSeconds(60));
                return server.captureDisplay();
            }
        };
    }

    @Override
    Host host() {
        return host;
    }
}
