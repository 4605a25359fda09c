package dev.porthole.rdp.netty.client;

import dev.porthole.rdp.protocol.pdu.rdp.ShareData;
import dev.porthole.rdp.protocol.session.ClientOutput;
import io.netty.channel.Channel;

/**
 * What an {@link RdpSession} needs from the connection's driver to send on the active session: the
 * current {@link ClientOutput} (null while not active) and writes that run on the channel's event loop.
 */
interface SessionLink extends io.netty.channel.ChannelHandler {

    /** The output of the current activation, or null while the session is not active. Any thread. */
    ClientOutput output();

    /** Encodes and writes {@code input}; event loop only. Dropped (and logged) when no longer active. */
    void write(Channel channel, ClientOutput.Input input);

    /** From now on (this activation and later ones) sends input as slow-path Input Event PDUs; event loop only. */
    void useSlowPathInput();

    /** Encodes {@code data} as share data on the I/O channel and writes it; event loop only. */
    void write(Channel channel, ShareData data);
}
