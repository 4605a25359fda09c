package dev.porthole.testbed.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import dev.porthole.testbed.Loopback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against a loopback echo server. */
class FaultProxyTest {

    private ServerSocket echo;
    private final List<Integer> chunkSizes = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket();
        echo.bind(new InetSocketAddress(Loopback.address(), 0));
        Thread.ofVirtual().start(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            byte[] b = new byte[65536];
                            int n;
                            while ((n = s.getInputStream().read(b)) > 0) {
                                chunkSizes.add(n);
                                s.getOutputStream().write(b, 0, n);
                            }
                        } catch (IOException ignored) {
                            // reset by the test
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stopEcho() throws IOException {
        echo.close();
    }

    private static byte[] readN(InputStream in, int n) throws IOException {
        byte[] out = in.readNBytes(n);
        assertThat(out).hasSize(n);
        return out;
    }

    @Test
    void forwardsBothWaysAndCutsEveryConnectionOnCommand() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(echo.getLocalPort());
             Socket c1 = new Socket(proxy.host(), proxy.port());
             Socket c2 = new Socket(proxy.host(), proxy.port())) {
            c1.getOutputStream().write("hello".getBytes());
            assertThat(new String(readN(c1.getInputStream(), 5))).isEqualTo("hello");
            c2.getOutputStream().write("world".getBytes());
            assertThat(new String(readN(c2.getInputStream(), 5))).isEqualTo("world");
            assertThat(proxy.openConnections()).isEqualTo(2);

            assertThat(proxy.cutAll()).isEqualTo(2);
            c1.setSoTimeout(5000);
            assertThatThrownBy(() -> {
                int r = c1.getInputStream().read();
                if (r == -1) {
                    throw new IOException("end of stream");
                }
            }).isInstanceOf(IOException.class);
            assertThat(proxy.openConnections()).isZero();
            assertThat(proxy.cutConnections()).isEqualTo(2);

            // a new connection works again
            try (Socket c3 = new Socket(proxy.host(), proxy.port())) {
                c3.getOutputStream().write("again".getBytes());
                assertThat(new String(readN(c3.getInputStream(), 5))).isEqualTo("again");
            }
        }
    }

    @Test
    void refusesNewConnectionsWhileToldTo() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(echo.getLocalPort())) {
            proxy.refuseNew(true);
            try (Socket c = new Socket(proxy.host(), proxy.port())) {
                c.setSoTimeout(5000);
                assertThatThrownBy(() -> {
                    c.getOutputStream().write(1);
                    if (c.getInputStream().read() == -1) {
                        throw new IOException("end of stream");
                    }
                }).isInstanceOf(IOException.class);
            }
            proxy.refuseNew(false);
            try (Socket c = new Socket(proxy.host(), proxy.port())) {
                c.getOutputStream().write("ok".getBytes());
                assertThat(new String(readN(c.getInputStream(), 2))).isEqualTo("ok");
            }
            assertThat(proxy.accepted()).isEqualTo(2);
        }
    }

    @Test
    void fragmentsTheStream() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(echo.getLocalPort())) {
            proxy.fragment(3);
            proxy.delay(java.time.Duration.ofMillis(2));
            try (Socket c = new Socket(proxy.host(), proxy.port())) {
                byte[] msg = "0123456789abcdef".getBytes();
                c.getOutputStream().write(msg);
                assertThat(readN(c.getInputStream(), msg.length)).isEqualTo(msg);
            }
            // 16 bytes in writes of at most 3 bytes: at least 6 writes each way
            assertThat(proxy.forwardedWrites()).isGreaterThanOrEqualTo(12);
            assertThat(chunkSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(16);
        }
        assertThatThrownBy(() -> FaultProxy.start(0)).hasMessageContaining("target port");
    }
}
