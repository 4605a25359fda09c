package dev.porthole.provisioning.mqtt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;

/**
 * A long-lived MQTT 5 link that stays connected: it connects through a {@link MqttConnector}, remakes its
 * subscriptions after every (re)connect, and after a lost connection or a failed attempt waits a jittered
 * exponential {@link Backoff} before trying again, for as long as it is open.
 *
 * <p>Threads (virtual): a connect loop, and one dispatcher that runs subscription handlers and {@link LinkListener#connected}
 * / {@link LinkListener#disconnected} in arrival order. Handlers may publish and wait for the acknowledgement. The
 * queue between the MQTT client and the dispatcher is bounded ({@link LinkSettings#inboundQueueMessages()},
 * {@link LinkSettings#inboundQueueBytes()}); messages beyond it are dropped and counted. The broker cannot send a
 * packet larger than {@link LinkSettings#maximumPacketSize()}.
 *
 * <p>Publishing while disconnected fails at once with kind {@code CONNECTION}; retained state is republished by
 * the owners of this link in {@link LinkListener#connected}.
 */
public final class MqttLink implements AutoCloseable {

    private static final TaggedLogger LOG = Logger.tag("provisioning");

    private record Registered(Subscription subscription, MessageHandler handler) {}

    private final MqttConnector connector;
    private final LinkSettings settings;
    private final Map<String, Registered> subscriptions = new LinkedHashMap<>();
    private final List<LinkListener> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Runnable> inbound = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedMessages = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicInteger connects = new AtomicInteger();
    private final Object lock = new Object();
    private volatile MqttConnection current;
    /** The connection whose subscriptions are restored, or null. */
    private volatile MqttConnection ready;
    private volatile CompletableFuture<Throwable> lost;
    private volatile boolean closed;
    private volatile boolean started;
    private Thread loop;
    private Thread dispatcher;

    /** A link that does nothing until {@link #start()}. */
    public MqttLink(MqttConnector connector, LinkSettings settings) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Adds a listener for connection events (add before {@link #start()} to see the first connection). */
    public void addListener(LinkListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Subscribes {@code handler} to {@code filter} for the life of the link: made now when connected, and again
     * after every reconnect. A second registration of the same filter replaces the first.
     *
     * @return the SUBACK reason code when subscribed now (granted QoS, or 0x80 and above when refused), or -1
     *         when not connected (the subscription is made at the next connection)
     */
    public int subscribe(String filter, int qos, MessageHandler handler) {
        Subscription s = new Subscription(filter, qos);
        Objects.requireNonNull(handler, "handler");
        synchronized (subscriptions) {
            subscriptions.put(filter, new Registered(s, handler));
        }
        MqttConnection c = current;
        if (c == null) {
            return -1;
        }
        try {
            int code = c.subscribe(List.of(s), settings.operationTimeout()).getFirst();
            if (code >= 0x80) {
                LOG.warn("mqtt subscription refused client={} filter={} reason=0x{}", settings.clientId(), filter,
                        Integer.toHexString(code));
            }
            return code;
        } catch (ProvisioningException e) {
            LOG.debug("mqtt subscribe deferred to next connection client={} filter={} error={}", settings.clientId(),
                    filter, e.getMessage());
            return -1;
        }
    }

    /** Removes a subscription (and unsubscribes when connected). */
    public void unsubscribe(String filter) {
        synchronized (subscriptions) {
            subscriptions.remove(filter);
        }
        MqttConnection c = current;
        if (c != null) {
            try {
                c.unsubscribe(List.of(filter), settings.operationTimeout());
            } catch (ProvisioningException e) {
                LOG.debug("mqtt unsubscribe failed client={} filter={} error={}", settings.clientId(), filter,
                        e.getMessage());
            }
        }
    }

    /** Starts connecting in the background. */
    public void start() {
        synchronized (lock) {
            if (started) {
                throw new ProvisioningException(Kind.USAGE, "link " + settings.clientId() + " was started already");
            }
            if (closed) {
                throw new ProvisioningException(Kind.USAGE, "link " + settings.clientId() + " is closed");
            }
            started = true;
            dispatcher = Thread.ofVirtual().name("mqtt-dispatch-" + settings.clientId()).start(this::dispatch);
            loop = Thread.ofVirtual().name("mqtt-connect-" + settings.clientId()).start(this::connectLoop);
        }
    }

    /** Whether a connection is up now. */
    public boolean isConnected() {
        return current != null;
    }

    /**
     * Waits until connected with every subscription restored (so messages on subscribed topics are
     * no longer missed); returns whether it is.
     */
    public boolean awaitConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ready == null && !closed) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return ready != null;
    }

    /** How many connections this link has made so far. */
    public int connectCount() {
        return connects.get();
    }

    /** Inbound messages dropped because the dispatcher queue was full. */
    public long droppedMessages() {
        return dropped.get();
    }

    public LinkSettings settings() {
        return settings;
    }

    /**
     * Publishes; the future completes with the broker's reason code, or exceptionally ({@code CONNECTION} when not
     * connected, {@code NOT_AUTHORIZED} when the broker refused it).
     */
    public CompletableFuture<Integer> publish(MqttMessage message) {
        Objects.requireNonNull(message, "message");
        MqttConnection c = current;
        if (c == null) {
            return CompletableFuture.failedFuture(new ProvisioningException(Kind.CONNECTION,
                    "not connected to " + settings.serverUri() + "; cannot publish to " + message.topic()));
        }
        return c.publish(message);
    }

    /** Publishes and waits for the acknowledgement up to the operation timeout; returns the reason code. */
    public int publishAndWait(MqttMessage message) {
        return await(publish(message), message.topic());
    }

    private int await(CompletableFuture<Integer> f, String topic) {
        try {
            return f.get(settings.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ProvisioningException(Kind.TIMEOUT, "no acknowledgement for a publish to " + topic + " within "
                    + settings.operationTimeout().toMillis() + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProvisioningException p) {
                throw p;
            }
            throw new ProvisioningException(Kind.CONNECTION, "publish to " + topic + " failed: " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(Kind.TIMEOUT, "interrupted while publishing to " + topic, e);
        }
    }

    /** Disconnects cleanly (no last will) and stops reconnecting. */
    @Override
    public void close() {
        shutdown(true);
    }

    /**
     * Drops the connection without an MQTT DISCONNECT, as a crash or a power cut would (the broker publishes the
     * last will), and stops reconnecting.
     */
    public void closeAbruptly() {
        shutdown(false);
    }

    /**
     * Drops the current connection without DISCONNECT (the broker publishes the will) but keeps the link open, so
     * it reconnects after the backoff. For tests and for a device that wants a fresh connection.
     */
    public void dropConnection() {
        MqttConnection c = current;
        if (c != null) {
            c.close();
            CompletableFuture<Throwable> l = lost;
            if (l != null) {
                l.complete(new ProvisioningException(Kind.CONNECTION, "connection dropped on request"));
            }
        }
    }

    private void shutdown(boolean clean) {
        Thread loopThread;
        Thread dispatchThread;
        MqttConnection c;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            c = current;
            current = null;
            loopThread = loop;
            dispatchThread = dispatcher;
        }
        if (c != null) {
            if (clean) {
                try {
                    c.disconnect(settings.operationTimeout());
                } catch (RuntimeException e) {
                    c.close();
                }
            } else {
                c.close();
            }
        }
        CompletableFuture<Throwable> l = lost;
        if (l != null) {
            l.complete(new ProvisioningException(Kind.CONNECTION, "link closed"));
        }
        if (loopThread != null) {
            loopThread.interrupt();
            join(loopThread);
        }
        if (dispatchThread != null) {
            inbound.add(() -> { throw new StopDispatch(); });
            join(dispatchThread);
        }
        LOG.info("mqtt link closed client={} clean={} connects={}", settings.clientId(), clean, connects.get());
    }

    private static void join(Thread t) {
        if (t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class StopDispatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopDispatch() {
            super(null, null, false, false);
        }
    }

    private void connectLoop() {
        int attempt = 0;
        while (!closed) {
            Instant upSince = null;
            try {
                CompletableFuture<Throwable> lostSignal = new CompletableFuture<>();
                AtomicBoolean reported = new AtomicBoolean();
                MqttConnection c = connector.connect(settings.connectSpec(), new MqttConnection.Listener() {
                    @Override
                    public void messageArrived(MqttMessage message) {
                        enqueueMessage(message);
                    }

                    @Override
                    public void connectionLost(Throwable cause) {
                        if (reported.compareAndSet(false, true)) {
                            lostSignal.complete(cause);
                        }
                    }
                });
                synchronized (lock) {
                    if (closed) {
                        c.disconnect(settings.operationTimeout());
                        break;
                    }
                    lost = lostSignal;
                    current = c;
                }
                upSince = settings.clock().instant();
                int count = connects.incrementAndGet();
                Throwable cause;
                try {
                    boolean sessionPresent = c.sessionPresent();
                    LOG.info("mqtt connected server={} client={} connect={} sessionPresent={}", settings.serverUri(),
                            settings.clientId(), count, sessionPresent);
                    resubscribe(c);
                    ready = c;
                    inbound.add(() -> listeners.forEach(l -> l.connected(count, sessionPresent)));
                    cause = lostSignal.join();
                } finally {
                    synchronized (lock) {
                        if (current == c) {
                            current = null;
                        }
                        if (ready == c) {
                            ready = null;
                        }
                    }
                    c.close();
                }
                if (closed) {
                    break;
                }
                LOG.warn("mqtt connection lost server={} client={} cause={}", settings.serverUri(), settings.clientId(),
                        describe(cause));
                inbound.add(() -> listeners.forEach(l -> l.disconnected(cause)));
            } catch (ProvisioningException e) {
                if (closed) {
                    break;
                }
                int failedAttempt = attempt;
                LOG.warn("mqtt connect failed server={} client={} attempt={} kind={} error={}", settings.serverUri(),
                        settings.clientId(), attempt, e.kind(), e.getMessage());
                listeners.forEach(l -> l.connectFailed(failedAttempt, e));
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                LOG.error(e, "mqtt connect loop error server={} client={}", settings.serverUri(), settings.clientId());
            }
            if (upSince != null
                    && Duration.between(upSince, settings.clock().instant()).compareTo(settings.stableAfter()) >= 0) {
                attempt = 0;
            }
            Duration delay = settings.backoff().delay(attempt, settings.random());
            int scheduled = attempt;
            listeners.forEach(l -> l.reconnectScheduled(scheduled, delay));
            LOG.debug("mqtt reconnect scheduled client={} attempt={} delayMs={}", settings.clientId(), attempt,
                    delay.toMillis());
            attempt = Math.min(attempt + 1, 62);
            try {
                settings.sleeper().sleep(delay);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            }
        }
    }

    private void resubscribe(MqttConnection c) {
        List<Subscription> all;
        synchronized (subscriptions) {
            all = new ArrayList<>(subscriptions.values().stream().map(Registered::subscription).toList());
        }
        if (all.isEmpty()) {
            return;
        }
        List<Integer> codes = c.subscribe(all, settings.operationTimeout());
        for (int i = 0; i < all.size() && i < codes.size(); i++) {
            if (codes.get(i) >= 0x80) {
                LOG.warn("mqtt subscription refused client={} filter={} reason=0x{}", settings.clientId(),
                        all.get(i).filter(), Integer.toHexString(codes.get(i)));
            }
        }
    }

    private void enqueueMessage(MqttMessage message) {
        int size = message.payloadSize();
        if (queuedMessages.get() >= settings.inboundQueueMessages()
                || queuedBytes.get() + size > settings.inboundQueueBytes()) {
            long n = dropped.incrementAndGet();
            LOG.warn("mqtt inbound queue full, message dropped client={} topic={} bytes={} droppedTotal={}",
                    settings.clientId(), message.topic(), size, n);
            return;
        }
        queuedMessages.incrementAndGet();
        queuedBytes.addAndGet(size);
        inbound.add(() -> {
            queuedMessages.decrementAndGet();
            queuedBytes.addAndGet(-size);
            route(message);
        });
    }

    private void route(MqttMessage message) {
        List<Registered> targets = new ArrayList<>();
        synchronized (subscriptions) {
            for (Registered r : subscriptions.values()) {
                if (Topics.matches(r.subscription().filter(), message.topic())) {
                    targets.add(r);
                }
            }
        }
        if (targets.isEmpty()) {
            LOG.debug("mqtt message without handler client={} topic={}", settings.clientId(), message.topic());
        }
        for (Registered r : targets) {
            try {
                r.handler().handle(message);
            } catch (RuntimeException e) {
                LOG.error(e, "mqtt handler failed client={} filter={} topic={}", settings.clientId(),
                        r.subscription().filter(), message.topic());
            }
        }
    }

    private void dispatch() {
        while (true) {
            Runnable task;
            try {
                task = inbound.take();
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            try {
                task.run();
            } catch (StopDispatch stop) {
                return;
            } catch (RuntimeException e) {
                LOG.error(e, "mqtt listener failed client={}", settings.clientId());
            }
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
        Throwable c = t.getCause();
        for (int i = 0; c != null && i < 3; i++, c = c.getCause()) {
            sb.append(" <- ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "MqttLink[" + settings.clientId() + " -> " + settings.serverUri() + ", connected=" + isConnected()
                + "]";
    }
}
