package dev.porthole.rdp.netty.probe;

import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLPeerUnverifiedException;

import dev.porthole.rdp.netty.framing.TpktFrameDecoder;
import dev.porthole.rdp.netty.tls.CertificateTrust;
import dev.porthole.rdp.netty.tls.TlsUpgrade;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.x224.ConnectionConfirm;
import dev.porthole.rdp.protocol.pdu.x224.ConnectionRequest;
import dev.porthole.rdp.protocol.pdu.x224.NegotiationFailure;
import dev.porthole.rdp.protocol.pdu.x224.NegotiationResponse;
import dev.porthole.rdp.protocol.pdu.x224.SecurityProtocols;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.tinylog.Logger;

/**
 * The first two phases of an RDP connection (MS-RDPBCGR 1.3.1.1): X.224 security negotiation, then
 * the TLS upgrade with the server certificate verified by a {@link CertificateTrust}. Used by
 * {@code porthole demo} and the testbed smoke tests to check that a host answers and presents the
 * expected certificate; the full connection sequence builds on the same pipeline (issue #3).
 */
public final class NegotiationProbe {

    /** What the probe learned, with the elapsed time at each milestone since the probe started. */
    public record Result(int selectedProtocol, int responseFlags, X509Certificate serverCertificate,
                         Duration connected, Duration negotiated, Duration tlsEstablished) {

        /** SHA-256 of the server certificate, lower-case hex. */
        public String certificateSha256() {
            return CertificateTrust.sha256(serverCertificate);
        }

        public String selectedProtocolName() {
            return SecurityProtocols.describe(selectedProtocol);
        }
    }

    private NegotiationProbe() {}

    /**
     * Connects to {@code host:port}, requests {@code requestedProtocols}, and completes the TLS
     * handshake when the server selects a TLS-based protocol.
     *
     * @throws RdpException TRANSPORT, TIMEOUT, MALFORMED, NEGOTIATION (server refused, with its
     *                      reason), UNSUPPORTED (server chose Standard RDP Security) or TRUST
     */
    public static Result probe(String host, int port, int requestedProtocols, CertificateTrust trust, Duration timeout) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        long start = System.nanoTime();
        CompletableFuture<Result> result = new CompletableFuture<>();
        try {
            SslContext ssl = TlsUpgrade.clientContext(trust);
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("tpkt", new TpktFrameDecoder());
                            ch.pipeline().addLast("negotiation", new Negotiation(host, port, requestedProtocols, ssl,
                                    start, result));
                        }
                    });
            ChannelFuture connect = b.connect(new InetSocketAddress(host, port));
            connect.addListener(f -> {
                if (!f.isSuccess()) {
                    result.completeExceptionally(new RdpException(RdpException.Kind.TRANSPORT,
                            "cannot connect to " + host + ":" + port + ": " + f.cause().getMessage(), f.cause()));
                }
            });
            Channel channel = connect.channel();
            try {
                return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new RdpException(RdpException.Kind.TIMEOUT, "no answer from " + host + ":" + port + " within "
                        + timeout.toMillis() + " ms (" + (connect.isSuccess() ? "connected; negotiation or TLS stalled"
                        : "TCP connect pending") + ")");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RdpException r) {
                    throw r;
                }
                throw new RdpException(RdpException.Kind.TRANSPORT, host + ":" + port + ": " + e.getCause().getMessage(),
                        e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RdpException(RdpException.Kind.TRANSPORT, "interrupted", e);
            } finally {
                channel.close();
            }
        } finally {
            group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
        }
    }

    private static final class Negotiation extends SimpleChannelInboundHandler<ByteBuf> {
        private final String host;
        private final int port;
        private final int requested;
        private final SslContext ssl;
        private final long start;
        private final CompletableFuture<Result> result;
        private Duration connected;

        Negotiation(String host, int port, int requested, SslContext ssl, long start, CompletableFuture<Result> result) {
            this.host = host;
            this.port = port;
            this.requested = requested;
            this.ssl = ssl;
            this.start = start;
            this.result = result;
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connected = elapsed();
            ConnectionRequest cr = ConnectionRequest.withCookie("porthole", requested);
            ByteBuf out = ctx.alloc().buffer(cr.size());
            cr.encode(out);
            ctx.writeAndFlush(out);
            Logger.tag("rdp").debug("x224 connection request sent host={}:{} requested={}", host, port,
                    SecurityProtocols.describe(requested));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            ConnectionConfirm cc = ConnectionConfirm.decode(frame);
            Duration negotiated = elapsed();
            switch (cc.outcome()) {
                case NegotiationFailure f -> result.completeExceptionally(new RdpException(RdpException.Kind.NEGOTIATION,
                        host + ":" + port + " refused the security negotiation: " + f.reason()));
                case null -> result.completeExceptionally(new RdpException(RdpException.Kind.UNSUPPORTED,
                        host + ":" + port + " only offers Standard RDP Security, which is refused unless RdpClientConfig allowStandardRdpSecurity is set"));
                case NegotiationResponse r when r.selectedProtocol() == SecurityProtocols.PROTOCOL_RDP ->
                        result.completeExceptionally(new RdpException(RdpException.Kind.UNSUPPORTED,
                                host + ":" + port + " selected Standard RDP Security, which is refused unless RdpClientConfig allowStandardRdpSecurity is set"));
                case NegotiationResponse r -> startTls(ctx, r, negotiated);
            }
        }

        private void startTls(ChannelHandlerContext ctx, NegotiationResponse r, Duration negotiated) {
            ctx.pipeline().remove("tpkt");
            SslHandler tls = ssl.newHandler(ctx.alloc(), host, port);
            ctx.pipeline().addFirst("tls", tls);
            tls.handshakeFuture().addListener(f -> {
                if (f.isSuccess()) {
                    try {
                        Certificate[] chain = tls.engine().getSession().getPeerCertificates();
                        result.complete(new Result(r.selectedProtocol(), r.flags(), (X509Certificate) chain[0], connected,
                                negotiated, elapsed()));
                    } catch (SSLPeerUnverifiedException e) {
                        result.completeExceptionally(new RdpException(RdpException.Kind.TRUST, "no server certificate", e));
                    }
                } else {
                    result.completeExceptionally(TlsUpgrade.failure(host + ":" + port, f.cause()));
                }
            });
        }


        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Throwable c = cause instanceof io.netty.handler.codec.DecoderException d && d.getCause() != null ? d.getCause() : cause;
            result.completeExceptionally(c instanceof RdpException ? c
                    : new RdpException(RdpException.Kind.TRANSPORT, host + ":" + port + ": " + c.getMessage(), c));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new RdpException(RdpException.Kind.TRANSPORT,
                    host + ":" + port + " closed the connection during negotiation"));
        }
    }
}
