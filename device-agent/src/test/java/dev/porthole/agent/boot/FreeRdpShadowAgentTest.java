package dev.porthole.agent.boot;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import dev.porthole.testbed.freerdp.FreeRdpShadowExtension;
import dev.porthole.testbed.freerdp.FreeRdpShadowServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link SessionHostAgentTest} against the FreeRDP shadow server (NLA, 1024x768 Xvfb desktop). */
@ExtendWith(FreeRdpShadowExtension.class)
class FreeRdpShadowAgentTest extends NlaSessionHostAgentTest {

    private Host host;

    @BeforeEach
    void host(FreeRdpShadowServer server) {
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
                return server.domain();
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
            public BufferedImage capture(Path dir) throws Exception {
                return ImageIO.read(server.captureDisplay(dir.resolve("server-capture.png")).toFile());
            }
        };
    }

    @Override
    Host host() {
        return host;
    }
}
