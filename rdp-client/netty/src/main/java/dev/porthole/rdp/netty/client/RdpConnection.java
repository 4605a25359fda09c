package dev.porthole.rdp.netty.client;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.porthole.rdp.netty.framing.CredSspFrameDecoder;
import dev.porthole.rdp.netty.framing.RdpFrameDecoder;
import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.netty.tls.TlsUpgrade;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.connector.ClientConnector;
import dev.porthole.rdp.protocol.connector.ConnectorAction;
import dev.porthole.rdp.protocol.connector.ConnectorSettings;
import dev.porthole.rdp.protocol.connector.ClientCapabilities;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathFraming;
import dev.porthole.rdp.protocol.session.ActiveSession;
import dev.porthole.rdp.protocol.session.ClientOutput;
import dev.porthole.rdp.protocol.session.MessageChannel;
import dev.porthole.rdp.protocol.session.SessionEvent;
import dev.porthole.rdp.protocol.connector.ClientInfoSettings;
import dev.porthole.rdp.protocol.connector.LogonCredentials;
import dev.porthole.rdp.protocol.credssp.CredSspClient;
import dev.porthole.rdp.protocol.credssp.PasswordCredentials;
import dev.porthole.rdp.protocol.credssp.TlsBinding;
import dev.porthole.rdp.protocol.license.LicensingSettings;
import dev.porthole.rdp.protocol.ntlm.WindowsFileTime;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import dev.porthole.rdp.protocol.pdu.rdp.ServerRedirectionPdu;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.tinylog.Logger;

/**
 * Drives a {@link ClientConnector} over a Netty channel: TCP connect, TPKT framing, the TLS upgrade
 * with the configured {@link CertificateTrust}, and a time limit on every phase. Completes when the
 * session is active (after the capability exchange and finalization). When the server selects HYBRID or HYBRID_EX, CredSSP (MS-CSSP over NTLMv2, with the
 * server's TLS public key and channel bindings) runs between the TLS upgrade and the MCS phase.
 */
public final class RdpConnection {

    /** Where the attempt got to. */
    public record Progress(int selectedProtocol, X509Certificate serverCertificate, int userChannelId,
                           List<Integer> joinedChannels, ClientConnector.State state, ConnectorAction.Activation activation,
                           Duration elapsed) {

        public String certificateSha256() {
            return CertificateTrust.sha256(serverCertificate);
        }
    }

    private static final ConnectorSettingsFactory SETTINGS = new ConnectorSettingsFactory();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RdpConnection() {}

    /**
     * Connects with {@code config} on {@code group}, completes when the session is active and then
     * closes the connection; the future fails with an {@link RdpException}.
     */
    public static CompletableFuture<Progress> open(EventLoopGroup group, RdpClientConfig config, ConnectionListener listener) {
        return start(group, config, listener, false).activated();
    }

    /** A connection that stays open: its graphics reach {@code listener} until it is closed. */
    public static RdpSession connect(EventLoopGroup group, RdpClientConfig config, ConnectionListener listener) {
        return start(group, config, listener, true, Attempt.NONE);
    }

    /** {@link #connect} for {@link RdpClient}: carries the auto-reconnect cookie and redirection state. */
    static RdpSession connect(EventLoopGroup group, RdpClientConfig config, ConnectionListener listener, Attempt attempt) {
        return start(group, config, listener, true, attempt);
    }

    private static RdpSession start(EventLoopGroup group, RdpClientConfig config, ConnectionListener listener,
                                    boolean keepOpen) {
        return start(group, config, listener, keepOpen, Attempt.NONE);
    }

    private static RdpSession start(EventLoopGroup group, RdpClientConfig config, ConnectionListener listener,
                                    boolean keepOpen, Attempt attempt) {
        CompletableFuture<Progress> result = new CompletableFuture<>();
        CompletableFuture<Channel> channel = new CompletableFuture<>();
        ChannelRouter channels = new ChannelRouter(config.staticChannels(), config.host() + ":" + config.port());
        RdpSession handle = new RdpSession(result, channel, channels);
        SslContext ssl;
        try {
            ssl = TlsUpgrade.clientContext(config.trust());
        } catch (RdpException e) {
            result.completeExceptionally(e);
            return handle;
        }
        long start = System.nanoTime();
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("tpkt", new RdpFrameDecoder());
                        ch.pipeline().addLast("driver", new Driver(config, ssl, listener, result, start, keepOpen, channels,
                                attempt));
                    }
                });
        io.netty.channel.ChannelFuture cf = b.connect(new InetSocketAddress(config.host(), config.port()));
        channel.complete(cf.channel());
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new RdpException(RdpException.Kind.TRANSPORT,
                        "cannot connect to " + config.host() + ":" + config.port() + ": " + f.cause().getMessage(), f.cause()));
            }
        });
        return handle;
    }

    /** Builds the sans-I/O connector's settings from the public config. */
    static final class ConnectorSettingsFactory {
        ConnectorSettings from(RdpClientConfig c) {
            return from(c, 0);
        }

        ConnectorSettings from(RdpClientConfig c, int redirectedSessionId) {
            return new ConnectorSettings(c.security().protocols(), c.routingToken(),
                    c.routingToken() == null ? c.username().isEmpty() ? null : c.username() : null,
                    c.width(), c.height(), c.colorDepth(), c.keyboardLayout(), c.clientName(), c.staticChannels(),
                    List.of(), redirectedSessionId);
        }
    }

    private static final class Driver extends SimpleChannelInboundHandler<ByteBuf> implements SessionLink {
        private final RdpClientConfig config;
        private final SslContext ssl;
        private final ConnectionListener listener;
        private final CompletableFuture<Progress> result;
        private final long start;
        private ClientConnector connector;
        private X509Certificate certificate;
        private ScheduledFuture<?> phaseTimer;
        private String phase = "connection initiation";
        private ActiveSession session;
        private boolean closing;
        private final boolean keepOpen;
        private CredSspClient credSsp;
        private CredSspFrameDecoder credSspFraming;
        private final ChannelRouter channels;
        private final Attempt attempt;

        Driver(RdpClientConfig config, SslContext ssl, ConnectionListener listener, CompletableFuture<Progress> result,
               long start, boolean keepOpen, ChannelRouter channels, Attempt attempt) {
            this.attempt = attempt;
            this.keepOpen = keepOpen;
            this.channels = channels;
            this.config = config;
            this.ssl = ssl;
            this.listener = listener;
            this.result = result;
            this.start = start;
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }

        private void armTimer(ChannelHandlerContext ctx, String nextPhase) {
            phase = nextPhase;
            if (phaseTimer != null) {
                phaseTimer.cancel(false);
            }
            phaseTimer = ctx.executor().schedule(() -> fail(ctx, new RdpException(RdpException.Kind.TIMEOUT,
                    config.host() + ":" + config.port() + ": no progress in " + phase + " within "
                            + config.phaseTimeout().toMillis() + " ms")), config.phaseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            char[] password = config.password();
            try {
                connector = new ClientConnector(SETTINGS.from(config, attempt.redirectedSessionId()),
                        new LogonCredentials(config.username(), config.domain(), password),
                        new ClientInfoSettings(TimeZones.current(), "127.0.0.1",
                                ClientInfoSettings.THIN_CLIENT_PERFORMANCE_FLAGS, attempt.clientCookie()),
                        LicensingSettings.of(RANDOM::nextBytes, config.licensingDeviceId() == null
                                ? LicensingSettings.deviceIdFromName(config.clientName())
                                : Bytes.of(config.licensingDeviceId())), ctx.alloc());
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
            if (config.allowStandardRdpSecurity()) {
                Logger.tag("rdp").warn("Standard RDP Security is ALLOWED by the configuration (allowStandardRdpSecurity): "
                        + "a server that does not offer TLS gets RC4 without server authentication host={}:{}",
                        config.host(), config.port());
                connector.allowStandardRdpSecurity(RANDOM::nextBytes);
            }
            armTimer(ctx, "security negotiation");
            perform(ctx, connector.start());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            if (closing || result.isCompletedExceptionally()) {
                return;
            }
            if (credSsp != null) {
                onCredSspMessage(ctx, frame);
                return;
            }
            Logger.tag("rdp").trace("frame first=0x{} length={} state={}", Integer.toHexString(frame.getUnsignedByte(frame.readerIndex())),
                    frame.readableBytes(), connector.state());
            if (FastPathFraming.isFastPath(frame.getUnsignedByte(frame.readerIndex()))) {
                if (session == null) {
                    fail(ctx, new RdpException(RdpException.Kind.STATE, "fast-path update before the session was active"));
                    return;
                }
                ByteBuf plain = null;
                try {
                    plain = connector.plainFastPath(frame);
                    deliver(session.onFastPath(plain));
                } catch (RdpException e) {
                    fail(ctx, e);
                } finally {
                    if (plain != null) {
                        plain.release();
                    }
                }
                return;
            }
            perform(ctx, connector.onFrame(frame));
        }

        private void deliver(List<SessionEvent> events) {
            for (SessionEvent e : events) {
                listener.onSessionEvent(session.surface(), e);
                acknowledge(e);
            }
        }

        // --- active-session output (RdpSession input, suppress output, refresh rect, frame acknowledge) ---

        private volatile ClientOutput output;
        private Channel channel;

        @Override
        public ClientOutput output() {
            return output;
        }

        @Override
        public void write(Channel ch, ClientOutput.Input input) {
            if (!activeFor("input")) {
                return;
            }
            switch (input) {
                case ClientOutput.FastPath f -> ch.writeAndFlush(connector.encodeFastPathInput(f.pdu()).data());
                case ClientOutput.SlowPath s -> write(ch, s.pdu());
            }
        }

        @Override
        public void write(Channel ch, dev.porthole.rdp.protocol.pdu.rdp.ShareData data) {
            if (!activeFor(data.getClass().getSimpleName())) {
                return;
            }
            ch.writeAndFlush(connector.encodeShareData(data).data());
        }

        private boolean slowPathInput;

        @Override
        public void useSlowPathInput() {
            slowPathInput = true;
            ClientOutput out = output;
            if (out != null) {
                output = out.withoutFastPathInput();
            }
        }

        private boolean activeFor(String what) {
            if (closing || connector == null || connector.state() != ClientConnector.State.ACTIVE || output == null) {
                Logger.tag("rdp").debug("dropped {}: the session is not active host={}:{}", what, config.host(), config.port());
                return false;
            }
            return true;
        }

        private void activated(ChannelHandlerContext ctx, ConnectorAction.Activation act) {
            channel = ctx.channel();
            ClientOutput out = ClientOutput.forServer(act.demandActive(), act.desktopWidth(), act.desktopHeight());
            output = slowPathInput ? out.withoutFastPathInput() : out;
            Logger.tag("rdp").debug("session output fastPathInput={} frameAcks={} host={}:{}", output.fastPathInput(),
                    output.acknowledgesFrames(), config.host(), config.port());
        }

        // --- message channel: auto-detect answers and the heartbeat watch (session.MessageChannel) ---

        private final MessageChannel messageChannel = new MessageChannel();
        private ScheduledFuture<?> heartbeatWatch;

        private static long monotonicMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        }

        private void onMessageChannel(ChannelHandlerContext ctx, ByteBuf data) {
            MessageChannel.Result r;
            try {
                r = messageChannel.onData(data.duplicate(), monotonicMillis());
                for (dev.porthole.rdp.protocol.pdu.rdp.MessageChannelPdu reply : r.replies()) {
                    ctx.writeAndFlush(connector.encodeMessageChannel(reply).data());
                }
            } catch (RdpException e) {
                fail(ctx, e);
                return;
            }
            if (messageChannel.heartbeatActive() && heartbeatWatch == null) {
                long period = messageChannel.heartbeatPeriodMillis();
                heartbeatWatch = ctx.executor().scheduleAtFixedRate(() -> {
                    if (!ctx.channel().isActive()) {
                        heartbeatWatch.cancel(false);
                        return;
                    }
                    for (SessionEvent e : messageChannel.onTick(monotonicMillis())) {
                        Logger.tag("rdp").warn("heartbeat missed={} reconnect_advised={} host={}:{}",
                                ((SessionEvent.HeartbeatMissed) e).missed(), ((SessionEvent.HeartbeatMissed) e).reconnectAdvised(),
                                config.host(), config.port());
                        listener.onSessionEvent(session == null ? null : session.surface(), e);
                    }
                }, period, period, TimeUnit.MILLISECONDS);
            }
        }

        /** Frame Acknowledge PDU (MS-RDPRFX 2.2.3.1) for each ended frame, when negotiated. */
        private void acknowledge(SessionEvent e) {
            ClientOutput out = output;
            if (e instanceof SessionEvent.FrameEnded f && out != null && channel != null) {
                out.frameAcknowledge(f.frameId()).ifPresent(ack -> write(channel, ack));
            }
        }

        private void perform(ChannelHandlerContext ctx, List<ConnectorAction> actions) {
            for (ConnectorAction a : actions) {
                switch (a) {
                    case ConnectorAction.Send s -> ctx.writeAndFlush(s.data());
                    case ConnectorAction.Milestone m -> {
                        Logger.tag("rdp").info("milestone={} detail=\"{}\" elapsed_ms={} host={}:{}", m.phase(), m.detail(),
                                elapsed().toMillis(), config.host(), config.port());
                        if (m.phase() == ConnectorAction.Phase.SECURITY_ESTABLISHED && connector.standardSecurity() != null) {
                            Logger.tag("rdp").warn("STANDARD RDP SECURITY IN USE: {} - the server is NOT authenticated and "
                                    + "RC4 is weak; use TLS where the server allows it host={}:{}", m.detail(), config.host(),
                                    config.port());
                        }
                        listener.onMilestone(m.phase(), m.detail(), elapsed());
                        armTimer(ctx, "the phase after " + m.phase());
                    }
                    case ConnectorAction.ServerSettings s -> channels.onServerSettings(ctx, s.serverData(), connector::userId,
                            connector::standardSecurity);
                    case ConnectorAction.UpgradeToTls u -> upgrade(ctx, u.selectedProtocol());
                    case ConnectorAction.Failed f -> fail(ctx, f.error());
                    case ConnectorAction.Activation act -> {
                        if (phaseTimer != null) {
                            phaseTimer.cancel(false);
                        }
                        if (session != null) {
                            session.close();
                        }
                        session = new ActiveSession(act.desktopWidth(), act.desktopHeight(), act.colorDepth(), ctx.alloc(),
                                ClientCapabilities.MAX_REQUEST_SIZE);
                        activated(ctx, act);
                        Progress progress = new Progress(connector.selectedProtocol(), certificate, connector.userId(),
                                connector.joinedChannels(), connector.state(), act, elapsed());
                        channels.onActivation(act.demandActive());
                        listener.onActive(progress);
                        if (!result.complete(progress)) {
                            Logger.tag("rdp").info("reactivated size={}x{} host={}:{}", act.desktopWidth(), act.desktopHeight(),
                                    config.host(), config.port());
                        }
                        if (!keepOpen) {
                            ctx.close();
                        }
                    }
                    case ConnectorAction.ServerShareData d -> {
                        Logger.tag("rdp").trace("share data {}", d.data());
                        attempt.onShareData(d.data());
                        if (session != null) {
                            try {
                                deliver(session.onShareData(d.data()));
                            } catch (RdpException e) {
                                fail(ctx, e);
                            }
                        }
                    }
                    case ConnectorAction.ServerControlPdu p when p.pdu() instanceof ServerRedirectionPdu r
                            && attempt != Attempt.NONE -> redirect(ctx, r);
                    case ConnectorAction.ServerControlPdu p -> Logger.tag("rdp").debug("server control pdu {}",
                            p.pdu().getClass().getSimpleName());
                    case ConnectorAction.ChannelData c when c.channelId() == connector.messageChannelId() ->
                            onMessageChannel(ctx, c.data());
                    case ConnectorAction.ChannelData d -> channels.onChannelData(d.channelId(), d.data());
                }
            }
        }

        /** MS-RDPBCGR 3.2.5.13.1: end this connection; {@link RdpClient} connects to the target. */
        private void redirect(ChannelHandlerContext ctx, ServerRedirectionPdu pdu) {
            try {
                attempt.onRedirection(pdu.packet());
            } catch (RdpException e) {
                fail(ctx, e);
                return;
            }
            Logger.tag("rdp").info("server redirection host={}:{}", config.host(), config.port());
            ctx.close();
        }

        private void upgrade(ChannelHandlerContext ctx, int selected) {
            armTimer(ctx, "the TLS handshake");
            SslHandler tls = ssl.newHandler(ctx.alloc(), config.host(), config.port());
            ctx.pipeline().addFirst("tls", tls);
            tls.handshakeFuture().addListener(f -> {
                if (!f.isSuccess()) {
                    fail(ctx, TlsUpgrade.failure(config.host() + ":" + config.port(), f.cause()));
                    return;
                }
                certificate = (X509Certificate) tls.engine().getSession().getPeerCertificates()[0];
                if ((selected & (SecurityProtocols.PROTOCOL_HYBRID | SecurityProtocols.PROTOCOL_HYBRID_EX)) != 0) {
                    startCredSsp(ctx, selected);
                    return;
                }
                perform(ctx, connector.onSecurityEstablished());
            });
        }

        private void startCredSsp(ChannelHandlerContext ctx, int selected) {
            armTimer(ctx, "Network Level Authentication (CredSSP)");
            char[] password = config.password();
            try {
                String account = config.domain().isEmpty() ? config.username() : config.domain() + "\\" + config.username();
                credSsp = new CredSspClient(PasswordCredentials.parse(account, password),
                        TlsBinding.ofCertificate(certificate.getEncoded()), selected, config.host(), RANDOM::nextBytes,
                        WindowsFileTime.fromUnixMillis(System.currentTimeMillis()));
            } catch (java.security.cert.CertificateEncodingException e) {
                fail(ctx, new RdpException(RdpException.Kind.TRUST, "server certificate cannot be encoded", e));
                return;
            } catch (RdpException e) {
                fail(ctx, e);
                return;
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
            credSspFraming = new CredSspFrameDecoder();
            ctx.pipeline().replace("tpkt", "credssp", credSspFraming);
            ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(credSsp.start()));
        }

        private void onCredSspMessage(ChannelHandlerContext ctx, ByteBuf frame) {
            byte[] message = new byte[frame.readableBytes()];
            frame.readBytes(message);
            CredSspClient.Step step;
            try {
                step = credSsp.onServerMessage(message);
            } catch (RdpException e) {
                fail(ctx, e);
                return;
            }
            credSspFraming.expectAuthorizationResult(step.expect() == CredSspClient.Expect.EARLY_USER_AUTHORIZATION_RESULT);
            if (step.send() != null) {
                ctx.writeAndFlush(ctx.alloc().buffer(step.send().length).writeBytes(step.send()));
            }
            if (step.done()) {
                credSsp.destroy();
                credSsp = null;
                ctx.pipeline().replace("credssp", "tpkt", new RdpFrameDecoder());
                perform(ctx, connector.onSecurityEstablished());
            }
        }


        private void fail(ChannelHandlerContext ctx, RdpException e) {
            if (phaseTimer != null) {
                phaseTimer.cancel(false);
            }
            if (result.completeExceptionally(e)) {
                Logger.tag("rdp").warn("connection failed kind={} host={}:{} reason=\"{}\"", e.kind(), config.host(),
                        config.port(), e.getMessage());
            } else if (!closing) {
                closing = true;
                Logger.tag("rdp").warn(e, "session failed kind={} host={}:{} reason=\"{}\"", e.kind(), config.host(),
                        config.port(), e.getMessage());
                listener.onClosed(e);
            }
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Throwable c = cause instanceof DecoderException d && d.getCause() != null ? d.getCause() : cause;
            fail(ctx, c instanceof RdpException r ? r : new RdpException(RdpException.Kind.TRANSPORT,
                    config.host() + ":" + config.port() + ": " + c.getMessage(), c));
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            channels.onClosed();
            if (session != null) {
                session.close();
                session = null;
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (result.isDone() && keepOpen) {
                if (!closing) {
                    closing = true;
                    listener.onClosed(null);
                }
                return;
            }
            if (credSsp != null) {
                RdpException verdict = credSsp.onTransportClosed();
                credSsp.destroy();
                credSsp = null;
                fail(ctx, verdict);
                return;
            }
            fail(ctx, new RdpException(RdpException.Kind.TRANSPORT, config.host() + ":" + config.port()
                    + " closed the connection during " + phase));
        }
    }
}
