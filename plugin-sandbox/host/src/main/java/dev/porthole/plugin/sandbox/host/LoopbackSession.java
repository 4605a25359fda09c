package dev.porthole.plugin.sandbox.host;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.porthole.plugin.sandbox.SandboxException;

/**
 * An in-memory stand-in for the RDP session's dynamic channels, with a "server application" side:
 * {@link #open} plays {@code WTSVirtualChannelOpenEx(..., WTS_CHANNEL_OPTION_DYNAMIC)} and returns a
 * {@link ServerEnd} to write to and read from. Used by the tests, the certification tool and the
 * benchmark; the device uses the RDP client's DVC manager instead.
 */
public final class LoopbackSession implements DvcSession {

    private final Map<String, DvcListener> listeners = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    @Override
    public boolean listen(String channelName, DvcListener listener) {
        return listeners.putIfAbsent(channelName, listener) == null;
    }

    @Override
    public void unlisten(String channelName) {
        listeners.remove(channelName);
    }

    /** Whether something listens on {@code name}. */
    public boolean isListening(String name) {
        return listeners.containsKey(name);
    }

    /**
     * Opens a channel as a server application would.
     *
     * @throws SandboxException STATE when no listener has the name or the listener refused, naming the reason
     */
    public ServerEnd open(String name, Duration timeout) throws InterruptedException {
        DvcListener l = listeners.get(name);
        if (l == null) {
            throw new SandboxException(SandboxException.Kind.STATE, "no listener for channel '" + name + "'");
        }
        long id = nextId.getAndIncrement();
        ServerEnd end = new ServerEnd(id, name);
        l.onChannelRequest(end.request);
        try {
            String refusal = end.decision.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (refusal != null) {
                throw new SandboxException(SandboxException.Kind.STATE, "channel '" + name + "' refused: " + refusal);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new SandboxException(SandboxException.Kind.STATE, "channel '" + name + "' not answered within " + timeout);
        }
        return end;
    }

    /** The server application's end of one channel. */
    public static final class ServerEnd implements AutoCloseable {
        private final long id;
        private final String name;
        private final CompletableFuture<String> decision = new CompletableFuture<>(); // null = accepted
        private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
        private volatile DvcChannelHandler handler;
        private final java.util.List<Runnable> held = new java.util.ArrayList<>();
        private boolean holding;
        final DvcRequest request;

        ServerEnd(long id, String name) {
            this.id = id;
            this.name = name;
            this.request = new DvcRequest() {
                private final AtomicBoolean answered = new AtomicBoolean();

                @Override
                public long channelId() {
                    return id;
                }

                @Override
                public String channelName() {
                    return name;
                }

                @Override
                public DvcChannel accept(DvcChannelHandler h) {
                    if (!answered.compareAndSet(false, true)) {
                        throw new IllegalStateException("request " + id + " answered twice");
                    }
                    handler = h;
                    decision.complete(null);
                    return new DvcChannel() {
                        @Override
                        public void write(byte[] message, Runnable sent) {
                            if (!closed.get()) {
                                received.add(message);
                            }
                            synchronized (held) {
                                if (holding) {
                                    held.add(sent);
                                    return;
                                }
                            }
                            sent.run();
                        }

                        @Override
                        public void close() {
                            closeFromClient();
                        }
                    };
                }

                @Override
                public void refuse(String reason) {
                    if (answered.compareAndSet(false, true)) {
                        decision.complete(reason);
                    }
                }
            };
        }

        public long id() {
            return id;
        }

        public String name() {
            return name;
        }

        /** Sends a message to the plugin. */
        public void write(byte[] message) {
            if (closed.get()) {
                throw new SandboxException(SandboxException.Kind.STATE, "channel " + id + " is closed");
            }
            handler.onMessage(message);
        }

        /** The next message from the plugin, or {@code null} after the timeout. */
        public byte[] read(Duration timeout) throws InterruptedException {
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /**
         * Simulates a slow transport: while holding, messages from the plugin are received but not
         * acknowledged as sent, so the plugin gets no new credit. {@code false} releases them.
         */
        public void hold(boolean on) {
            List<Runnable> release;
            synchronized (held) {
                holding = on;
                release = on ? List.of() : new java.util.ArrayList<>(held);
                if (!on) {
                    held.clear();
                }
            }
            release.forEach(Runnable::run);
        }

        /** Whether the channel has been closed (from either side). */
        public boolean isClosed() {
            return closed.get();
        }

        /** Waits until the channel is closed. */
        public boolean awaitClosed(Duration timeout) throws InterruptedException {
            try {
                closedFuture.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        private void closeFromClient() {
            if (closed.compareAndSet(false, true)) {
                closedFuture.complete(null);
                DvcChannelHandler h = handler;
                if (h != null) {
                    h.onClosed();
                }
            }
        }

        /** Closes the channel from the server side (WTSVirtualChannelClose). */
        @Override
        public void close() {
            closeFromClient();
        }
    }
}
