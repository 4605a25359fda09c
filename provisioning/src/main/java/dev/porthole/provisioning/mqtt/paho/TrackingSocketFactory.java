package dev.porthole.provisioning.mqtt.paho;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLSocketFactory;

/**
 * An {@link SSLSocketFactory} that remembers the sockets it made, so a connection can be closed for sure. Paho's
 * forcible disconnect calls {@code shutdownInput()} before {@code close()}; on a TLS socket the first throws, and
 * the socket stays open until the broker's keep-alive runs out — so the broker neither notices the loss nor
 * publishes the last will in time.
 */
final class TrackingSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    TrackingSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /** Closes every socket made so far (without an MQTT DISCONNECT). */
    void closeAll() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        sockets.clear();
    }

    private <S extends Socket> S track(S s) {
        sockets.add(s);
        return s;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return track(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return track(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return track(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return track(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return track(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return track(delegate.createSocket(address, port, localAddress, localPort));
    }
}
