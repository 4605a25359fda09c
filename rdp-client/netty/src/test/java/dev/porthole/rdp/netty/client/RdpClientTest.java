package dev.porthole.rdp.netty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.porthole.rdp.netty.client.RdpClientListener.Connected;
import dev.porthole.rdp.netty.client.RdpClientListener.Disconnected;
import dev.porthole.rdp.netty.client.RdpClientListener.Reason;
import dev.porthole.rdp.netty.client.RdpClientListener.Redirected;
import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ClientConnector;
import dev.porthole.rdp.protocol.connector.ConnectorAction;
import dev.porthole.rdp.protocol.crypto.Primitives;
import dev.porthole.rdp.protocol.pdu.rdp.ArcScPrivatePacket;
import dev.porthole.rdp.protocol.pdu.rdp.AutoReconnectStatusPdu;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import dev.porthole.rdp.protocol.pdu.rdp.ErrorInfo;
import dev.porthole.rdp.protocol.pdu.rdp.LogonInfoExtended;
import dev.porthole.rdp.protocol.pdu.rdp.SaveSessionInfoPdu;
import dev.porthole.rdp.protocol.pdu.rdp.ServerRedirectionPacket;
import dev.porthole.rdp.protocol.pdu.rdp.SetErrorInfoPdu;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's decisions across connections, with a scripted dialer standing in for the network: when it
 * reconnects (and with which cookie), when it stops, how it follows a redirection.
 */
class RdpClientTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<Dial> dials = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** One connection the client opened. */
    record Dial(RdpClientConfig config, ConnectionListener listener, Attempt attempt, CompletableFuture<RdpConnection.Progress> activated) {

        void activate(int width, int height) {
            RdpConnection.Progress p = new RdpConnection.Progress(SecurityProtocols.PROTOCOL_SSL, null, 1007, List.of(),
                    ClientConnector.State.ACTIVE, new ConnectorAction.Activation(0x103ea, 1002, width, height, 32, null),
                    Duration.ofMillis(5));
            listener.onActive(p);
            activated.complete(p);
        }

        void failBeforeActive(RdpException e) {
            activated.completeExceptionally(e);
        }

        void drop(RdpException e) {
            listener.onClosed(e);
        }
    }

    private RdpClient client(RdpClientConfig config) {
        RdpClientListener l = new RdpClientListener() {
            @Override
            public void connected(Connected c) {
                events.add(c);
            }

            @Override
            public void reconnecting(int attempt, Duration delay, RdpException cause) {
                events.add("reconnecting " + attempt + " " + cause.kind());
            }

            @Override
            public void redirected(Redirected target) {
                events.add(target);
            }

            @Override
            public void disconnected(Disconnected d) {
                events.add(d);
            }
        };
        return new RdpClient(config, l, (c, listener, attempt) -> {
            CompletableFuture<RdpConnection.Progress> activated = new CompletableFuture<>();
            dials.add(new Dial(c, listener, attempt, activated));
            return new RdpSession(activated, new CompletableFuture<Channel>(), null);
        }, scheduler, () -> 0.5);
    }

    private static RdpClientConfig.Builder config() {
        return RdpClientConfig.builder("127.0.0.1").port(3390).credentials("alice", "", "s3cret".toCharArray())
                .trust(CertificateTrust.acceptAnyLabOnly())
                .reconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(4), 0.25);
    }

    private Dial nextDial() throws InterruptedException {
        Dial d = dials.poll(10, TimeUnit.SECONDS);
        assertThat(d).as("the client opened a connection").isNotNull();
        return d;
    }

    private Object nextEvent() throws InterruptedException {
        Object e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("the client reported an event").isNotNull();
        return e;
    }

    private static ArcScPrivatePacket serverCookie() {
        return new ArcScPrivatePacket(ArcScPrivatePacket.AUTO_RECONNECT_VERSION_1, 3,
                Bytes.ofHex("000102030405060708090a0b0c0d0e0f"));
    }

    @Test
    void aDroppedTransportIsReconnectedWithTheServersCookieAndWithoutAskingForCredentials() throws Exception {
        RdpClient client = client(config().build());
        CompletableFuture<Connected> first = client.connect();
        Dial d1 = nextDial();
        assertThat(d1.attempt().clientCookie()).as("no cookie on the first connection").isNull();
        d1.activate(1024, 768);
        Connected c = (Connected) nextEvent();
        assertThat(c.reconnected()).isFalse();
        assertThat(c.protocol()).isEqualTo("SSL");
        assertThat(c.width()).isEqualTo(1024);
        assertThat(first).isCompletedWithValue(c);
        // the server hands out its auto-reconnect cookie (MS-RDPBCGR 2.2.10.1.1.4)
        d1.attempt().onShareData(new SaveSessionInfoPdu(new LogonInfoExtended(serverCookie(), null)));

        d1.drop(new RdpException(RdpException.Kind.TRANSPORT, "connection reset"));
        assertThat(nextEvent()).isEqualTo("reconnecting 1 TRANSPORT");
        assertThat(client.state()).isIn(RdpClient.State.RECONNECTING, RdpClient.State.CONNECTING);
        Dial d2 = nextDial();
        // MS-RDPBCGR 5.5: SecurityVerifier = HMAC-MD5(ArcRandomBits, 32 zero bytes) under Enhanced RDP Security
        assertThat(d2.attempt().clientCookie().logonId()).isEqualTo(3);
        assertThat(d2.attempt().clientCookie().securityVerifier().toByteArray()).isEqualTo(
                Primitives.hmacMd5(serverCookie().arcRandomBits().toByteArray(), new byte[32]));
        assertThat(d2.config().username()).isEqualTo("alice");
        assertThat(d2.config().password()).containsExactly("s3cret".toCharArray());
        d2.activate(1024, 768);
        Connected again = (Connected) nextEvent();
        assertThat(again.reconnected()).isTrue();
        assertThat(client.state()).isEqualTo(RdpClient.State.ACTIVE);

        client.close();
        assertThat(((Disconnected) nextEvent()).reason()).isEqualTo(Reason.CLOSED_LOCALLY);
        assertThat(client.holdsCookie()).isFalse();
        assertThat(d2.config().password()).as("credentials wiped when the client stops").containsOnly('\0');
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() throws Exception {
        RdpClient client = client(config().reconnectAttempts(2).build());
        client.connect();
        Dial d1 = nextDial();
        d1.activate(800, 600);
        nextEvent();
        d1.drop(null); // the server closed the TCP connection without a word
        assertThat(nextEvent()).isEqualTo("reconnecting 1 TRANSPORT");
        nextDial().failBeforeActive(new RdpException(RdpException.Kind.TRANSPORT, "connection refused"));
        assertThat(nextEvent()).isEqualTo("reconnecting 2 TRANSPORT");
        nextDial().failBeforeActive(new RdpException(RdpException.Kind.TIMEOUT, "no progress"));
        Disconnected d = (Disconnected) nextEvent();
        assertThat(d.reason()).isEqualTo(Reason.GAVE_UP);
        assertThat(d.sentence()).contains("2 times").contains("no progress");
        assertThat(dials).isEmpty();
    }

    @Test
    void anAuthenticationFailureWhileReconnectingIsNeverRetried() throws Exception {
        RdpClient client = client(config().build()); // forever
        client.connect();
        Dial d1 = nextDial();
        d1.activate(800, 600);
        nextEvent();
        d1.drop(new RdpException(RdpException.Kind.TRANSPORT, "reset"));
        assertThat(nextEvent()).isEqualTo("reconnecting 1 TRANSPORT");
        nextDial().failBeforeActive(new RdpException(RdpException.Kind.AUTHENTICATION, "the server rejected the password"));
        Disconnected d = (Disconnected) nextEvent();
        assertThat(d.reason()).isEqualTo(Reason.FAILED);
        assertThat(d.cause().kind()).isEqualTo(RdpException.Kind.AUTHENTICATION);
        assertThat(dials.poll(200, TimeUnit.MILLISECONDS)).as("no further attempt").isNull();
        assertThat(client.state()).isEqualTo(RdpClient.State.STOPPED);
    }

    @Test
    void aLogoffExplainedBySetErrorInfoEndsTheClientWithTheSentence() throws Exception {
        RdpClient client = client(config().build());
        client.connect();
        Dial d1 = nextDial();
        d1.activate(800, 600);
        nextEvent();
        d1.attempt().onShareData(new SetErrorInfoPdu(ErrorInfo.ERRINFO_LOGOFF_BY_USER));
        d1.drop(null);
        Disconnected d = (Disconnected) nextEvent();
        assertThat(d.reason()).isEqualTo(Reason.SERVER_ERROR_INFO);
        assertThat(d.sentence()).isEqualTo("The user logged off.");
        assertThat(dials.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aDisconnectProviderUltimatumEndsTheClientWithoutReconnecting() throws Exception {
        RdpClient client = client(config().build());
        client.connect();
        Dial d1 = nextDial();
        d1.activate(800, 600);
        nextEvent();
        // the connector's error for MCS Disconnect Provider Ultimatum (ClientConnector.onSendData)
        d1.drop(new RdpException(RdpException.Kind.TRANSPORT,
                "the server ended the MCS connection (Disconnect Provider Ultimatum, reason 3)"));
        Disconnected d = (Disconnected) nextEvent();
        assertThat(d.reason()).isEqualTo(Reason.SERVER_DISCONNECTED);
        assertThat(dials.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void theFirstConnectionFailingEndsTheClient() throws Exception {
        RdpClient client = client(config().build());
        CompletableFuture<Connected> first = client.connect();
        nextDial().failBeforeActive(new RdpException(RdpException.Kind.TRANSPORT, "connection refused"));
        Disconnected d = (Disconnected) nextEvent();
        assertThat(d.reason()).isEqualTo(Reason.FAILED);
        assertThat(first).isCompletedExceptionally();
        assertThatThrownBy(client::connect).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRefusedCookieIsDroppedAndTheNextAttemptUsesCredentialsOnly() throws Exception {
        RdpClient client = client(config().build());
        client.connect();
        Dial d1 = nextDial();
        d1.activate(800, 600);
        nextEvent();
        d1.attempt().onShareData(new SaveSessionInfoPdu(new LogonInfoExtended(serverCookie(), null)));
        d1.drop(new RdpException(RdpException.Kind.TRANSPORT, "reset"));
        nextEvent();
        Dial d2 = nextDial();
        assertThat(d2.attempt().clientCookie()).isNotNull();
        d2.attempt().onShareData(new AutoReconnectStatusPdu(0));
        d2.activate(800, 600);
        nextEvent();
        d2.drop(new RdpException(RdpException.Kind.TRANSPORT, "reset"));
        nextEvent();
        assertThat(nextDial().attempt().clientCookie()).isNull();
        client.close();
    }

    @Test
    void followsAServerRedirectionWithTheRoutingTokenUserAndSession() throws Exception {
        RdpClient client = client(config().build());
        CompletableFuture<Connected> first = client.connect();
        Dial broker = nextDial();
        byte[] token = "Cookie: msts=3640205228.15629.0000\r\n".getBytes(StandardCharsets.US_ASCII);
        broker.attempt().onRedirection(new ServerRedirectionPacket(42,
                ServerRedirectionPacket.LB_LOAD_BALANCE_INFO | ServerRedirectionPacket.LB_USERNAME
                        | ServerRedirectionPacket.LB_DOMAIN,
                null, Bytes.of(token), "bob", "CORP", null, null, null, null, null, null, null));
        broker.failBeforeActive(new RdpException(RdpException.Kind.TRANSPORT, "closed during licensing"));
        Redirected r = (Redirected) nextEvent();
        assertThat(r).isEqualTo(new Redirected("127.0.0.1", 3390, 42, true, "bob", "CORP"));
        Dial target = nextDial();
        assertThat(target.config().routingToken()).isEqualTo("Cookie: msts=3640205228.15629.0000");
        assertThat(target.config().username()).isEqualTo("bob");
        assertThat(target.config().domain()).isEqualTo("CORP");
        assertThat(target.config().password()).as("the broker sent no password: keep the user's").containsExactly("s3cret".toCharArray());
        assertThat(target.attempt().redirectedSessionId()).isEqualTo(42);
        assertThat(broker.config().password()).as("the broker's config no longer holds the password").containsOnly('\0');
        target.activate(1280, 720);
        assertThat(((Connected) nextEvent()).width()).isEqualTo(1280);
        assertThat(first).isCompleted();

        // a redirection naming a target address connects there, without the routing token
        Dial t2 = target;
        t2.attempt().onRedirection(new ServerRedirectionPacket(7, ServerRedirectionPacket.LB_TARGET_NET_ADDRESS
                | ServerRedirectionPacket.LB_LOAD_BALANCE_INFO, "127.0.0.2", Bytes.of(token), null, null, null, null, null,
                null, null, null, null));
        t2.drop(null);
        assertThat(((Redirected) nextEvent()).host()).isEqualTo("127.0.0.2");
        Dial t3 = nextDial();
        assertThat(t3.config().host()).isEqualTo("127.0.0.2");
        assertThat(t3.config().routingToken()).isNull();
        client.close();
    }

    @Test
    void aRedirectionLoopEnds() throws Exception {
        RdpClient client = client(config().build());
        client.connect();
        for (int i = 0; i <= RdpClient.MAX_REDIRECTS; i++) {
            Dial d = nextDial();
            d.attempt().onRedirection(new ServerRedirectionPacket(1, 0, null, null, null, null, null, null, null, null,
                    null, null, null));
            d.failBeforeActive(new RdpException(RdpException.Kind.TRANSPORT, "closed"));
        }
        Object last = null;
        for (Object e = events.poll(10, TimeUnit.SECONDS); e != null; e = events.poll(200, TimeUnit.MILLISECONDS)) {
            last = e;
        }
        assertThat(last).isInstanceOfSatisfying(Disconnected.class, d -> {
            assertThat(d.reason()).isEqualTo(Reason.FAILED);
            assertThat(d.sentence()).contains("redirected");
        });
    }

    @Test
    void backoffDoublesUpToTheMaximumAndJitterShortensIt() {
        RdpClientConfig.Reconnect r = new RdpClientConfig.Reconnect(true, 0, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.25);
        assertThat(r.delay(1, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(r.delay(2, 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.delay(5, 0)).isEqualTo(Duration.ofSeconds(16));
        assertThat(r.delay(6, 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.delay(1000, 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.delay(2, 0.5)).isEqualTo(Duration.ofMillis(1750));
        assertThat(r.delay(2, 0.999)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(1502));
        assertThat(RdpClientConfig.Reconnect.DEFAULT.forever()).isTrue();
        assertThatThrownBy(() -> new RdpClientConfig.Reconnect(true, -1, Duration.ofSeconds(1), Duration.ofSeconds(2), 0))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RdpClientConfig.Reconnect(true, 0, Duration.ofSeconds(3), Duration.ofSeconds(2), 0))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new RdpClientConfig.Reconnect(true, 0, Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5))
                .hasMessageContaining("jitter");
    }

    @Test
    void sessionEventsAndMilestonesPassThrough() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        RdpClient client = new RdpClient(config().build(), new RdpClientListener() {
            @Override
            public void sessionEvent(dev.porthole.rdp.protocol.surface.Surface surface,
                                     dev.porthole.rdp.protocol.session.SessionEvent event) {
                seen.add(event);
            }

            @Override
            public void milestone(ConnectorAction.Phase phase, String detail, Duration elapsed) {
                seen.add(phase);
            }
        }, (c, l, a) -> {
            l.onMilestone(ConnectorAction.Phase.NEGOTIATED, "SSL", Duration.ZERO);
            l.onSessionEvent(null, new dev.porthole.rdp.protocol.session.SessionEvent.PointerMoved(3, 4));
            return new RdpSession(new CompletableFuture<>(), new CompletableFuture<>(), null);
        }, scheduler, () -> 0);
        client.connect();
        assertThat(seen).containsExactly(ConnectorAction.Phase.NEGOTIATED,
                new dev.porthole.rdp.protocol.session.SessionEvent.PointerMoved(3, 4));
        client.close();
    }
}
