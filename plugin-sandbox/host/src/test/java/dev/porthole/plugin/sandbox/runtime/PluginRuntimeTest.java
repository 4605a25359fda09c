package dev.porthole.plugin.sandbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.porthole.plugin.api.Channel;
import dev.porthole.plugin.api.ChannelCallback;
import dev.porthole.plugin.api.ChannelManager;
import dev.porthole.plugin.api.Plugin;
import dev.porthole.plugin.api.PluginException;
import dev.porthole.plugin.sandbox.ipc.IpcMessage;

/** The plugin-side SDK semantics, driven with host messages and observed through what it sends back. */
class PluginRuntimeTest {

    final BlockingQueue<IpcMessage> sent = new LinkedBlockingQueue<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicReference<Channel> channel = new AtomicReference<>();
    final AtomicBoolean inCallback = new AtomicBoolean();
    final AtomicBoolean reentered = new AtomicBoolean();
    volatile ChannelManager manager;
    volatile java.util.function.Consumer<byte[]> onData = m -> { };
    volatile Runnable onClose = () -> { };

    final Plugin plugin = new Plugin() {
        @Override
        public void initialize(ChannelManager m) {
            manager = m;
            m.createListener("Chan", ch -> {
                channel.set(ch);
                calls.add("new " + ch.id());
                return new ChannelCallback() {
                    @Override
                    public void onDataReceived(byte[] message) {
                        enter();
                        try {
                            calls.add("data " + new String(message));
                            onData.accept(message);
                        } finally {
                            inCallback.set(false);
                        }
                    }

                    @Override
                    public void onClose() {
                        enter();
                        try {
                            calls.add("close");
                            onClose.run();
                        } finally {
                            inCallback.set(false);
                        }
                    }
                };
            });
        }

        @Override
        public void terminated() {
            calls.add("terminated");
        }
    };

    private void enter() {
        if (!inCallback.compareAndSet(false, true)) {
            reentered.set(true);
        }
    }

    final PluginRuntime runtime = new PluginRuntime(plugin, sent::add);

    private IpcMessage next() throws InterruptedException {
        IpcMessage m = sent.poll(5, TimeUnit.SECONDS);
        assertThat(m).as("a message from the runtime").isNotNull();
        return m;
    }

    private void open(long id) throws InterruptedException {
        runtime.onMessage(new IpcMessage.Initialize("com.example.t", List.of("Chan", "Other"), 1000, 100));
        assertThat(next()).isEqualTo(new IpcMessage.CreateListener("Chan"));
        assertThat(next()).isEqualTo(new IpcMessage.Initialized(true, ""));
        runtime.onMessage(new IpcMessage.NewChannel(id, "Chan"));
        assertThat(next()).isEqualTo(new IpcMessage.Accept(id));
    }

    @Test
    void listenersMustBeDeclaredAndUnique() throws Exception {
        open(1);
        assertThatThrownBy(() -> manager.createListener("Nope", c -> null)).isInstanceOfSatisfying(PluginException.class,
                e -> assertThat(e.reason()).isEqualTo(PluginException.Reason.NOT_DECLARED))
                .hasMessageContaining("'Nope' is not declared in the manifest of com.example.t (declared: [Chan, Other])");
        assertThatThrownBy(() -> manager.createListener("Chan", c -> null)).isInstanceOfSatisfying(PluginException.class,
                e -> assertThat(e.reason()).isEqualTo(PluginException.Reason.ILLEGAL_STATE));
        manager.createListener("Other", c -> null).close();
        assertThat(next()).isEqualTo(new IpcMessage.CreateListener("Other"));
        assertThat(next()).isEqualTo(new IpcMessage.CloseListener("Other"));
        assertThat(manager.pluginId()).isEqualTo("com.example.t");
    }

    @Test
    void refusingAndUnknownListenersReject() throws Exception {
        open(1);
        runtime.onMessage(new IpcMessage.NewChannel(2, "Other"));
        assertThat(next()).isEqualTo(new IpcMessage.Reject(2));
    }

    @Test
    void dataIsDeliveredWholeAndCreditedBack() throws Exception {
        open(7);
        runtime.onMessage(new IpcMessage.Data(7, "hello".getBytes()));
        assertThat(next()).isEqualTo(new IpcMessage.Credit(7, 5));
        runtime.onMessage(new IpcMessage.Data(7, new byte[0]));
        assertThat(next()).isEqualTo(new IpcMessage.Credit(7, 1));
        assertThat(calls).contains("data hello");
    }

    @Test
    void writesWaitForCreditAndPushBackBeyondTheQueueLimit() throws Exception {
        open(3);
        Channel ch = channel.get();
        ch.write(new byte[60]);
        ch.write(new byte[60]); // credit 100: the first goes (credit 40 left), the second goes too (credit -20)
        assertThat(next()).isEqualTo(new IpcMessage.Data(3, new byte[60]));
        assertThat(next()).isEqualTo(new IpcMessage.Data(3, new byte[60]));
        ch.write(new byte[10]);
        assertThat(sent.poll(200, TimeUnit.MILLISECONDS)).as("no credit left").isNull();
        // queue limit: max(4 * 100, 1000) = 1000 bytes
        ch.write(new byte[990]);
        assertThat(ch.writableBytes()).isZero();
        assertThatThrownBy(() -> ch.write(new byte[1])).isInstanceOfSatisfying(PluginException.class,
                e -> assertThat(e.reason()).isEqualTo(PluginException.Reason.BACKPRESSURE));
        assertThatThrownBy(() -> ch.write(new byte[1001])).isInstanceOfSatisfying(PluginException.class,
                e -> assertThat(e.reason()).isEqualTo(PluginException.Reason.TOO_LARGE));
        runtime.onMessage(new IpcMessage.Credit(3, 30)); // -20 + 30 = 10: the 10-byte message goes, credit 0
        assertThat(next()).isEqualTo(new IpcMessage.Data(3, new byte[10]));
        assertThat(sent.poll(200, TimeUnit.MILLISECONDS)).isNull();
        runtime.onMessage(new IpcMessage.Credit(3, 1)); // any positive credit lets the next message go, whatever its size
        assertThat(next()).isEqualTo(new IpcMessage.Data(3, new byte[990]));
        assertThat(ch.writableBytes()).isEqualTo(1000);
    }

    @Test
    void closingFromInsideOnCloseAndOnDataIsNeitherReentrantNorADeadlock() throws Exception {
        open(4);
        onData = m -> {
            channel.get().close();
            calls.add("closed inside onData, open=" + channel.get().isOpen());
        };
        onClose = () -> channel.get().close(); // must be a no-op, not a deadlock
        runtime.onMessage(new IpcMessage.Data(4, "x".getBytes()));
        assertThat(next()).isEqualTo(new IpcMessage.Close(4));
        runtime.onMessage(new IpcMessage.Close(4)); // the host's answer racing in: ignored
        waitFor(() -> calls.contains("close"));
        Thread.sleep(100);
        assertThat(calls).containsSubsequence("data x", "closed inside onData, open=false", "close");
        assertThat(calls.stream().filter("close"::equals)).hasSize(1);
        assertThat(reentered).isFalse();
        assertThatThrownBy(() -> channel.get().write(new byte[1])).isInstanceOfSatisfying(PluginException.class,
                e -> assertThat(e.reason()).isEqualTo(PluginException.Reason.CLOSED));
    }

    @Test
    void dataReceivedBeforeAHostCloseIsDeliveredBeforeOnClose() throws Exception {
        open(5);
        CountDownLatch gate = new CountDownLatch(1);
        onData = m -> {
            try {
                gate.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        runtime.onMessage(new IpcMessage.Data(5, "a".getBytes()));
        runtime.onMessage(new IpcMessage.Data(5, "b".getBytes()));
        runtime.onMessage(new IpcMessage.Close(5));
        assertThat(channel.get().isOpen()).as("writes stop at once").isFalse();
        gate.countDown();
        waitFor(() -> calls.contains("close"));
        assertThat(calls).containsSubsequence("data a", "data b", "close");
    }

    @Test
    void heartbeatsAreAnsweredWhileACallbackBlocks() throws Exception {
        open(6);
        CountDownLatch gate = new CountDownLatch(1);
        onData = m -> {
            try {
                gate.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        runtime.onMessage(new IpcMessage.Data(6, "slow".getBytes()));
        Thread.sleep(300);
        runtime.onMessage(new IpcMessage.Ping(9));
        IpcMessage pong = next();
        assertThat(pong).isInstanceOfSatisfying(IpcMessage.Pong.class, p -> {
            assertThat(p.nonce()).isEqualTo(9);
            assertThat(p.busyMillis()).isBetween(250L, 5000L);
        });
        gate.countDown();
        assertThat(next()).isEqualTo(new IpcMessage.Credit(6, 4));
        runtime.onMessage(new IpcMessage.Ping(10));
        assertThat(next()).isEqualTo(new IpcMessage.Pong(10, 0));
    }

    @Test
    void terminateClosesChannelsThenCallsTerminated() throws Exception {
        open(8);
        runtime.onMessage(new IpcMessage.Terminate());
        assertThat(runtime.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls).containsSubsequence("close", "terminated");
        assertThatThrownBy(() -> manager.createListener("Other", c -> null)).hasMessageContaining("terminating");
    }

    @Test
    void aThrowingInitializeIsReported() throws Exception {
        PluginRuntime bad = new PluginRuntime(m -> {
            throw new IllegalStateException("no licence file");
        }, sent::add);
        bad.onMessage(new IpcMessage.Initialize("com.example.bad", List.of(), 1000, 100));
        IpcMessage m = next();
        assertThat(m).isInstanceOfSatisfying(IpcMessage.Initialized.class, i -> {
            assertThat(i.ok()).isFalse();
            assertThat(i.error()).contains("no licence file");
        });
        assertThat(next()).isInstanceOfSatisfying(IpcMessage.Log.class, l -> assertThat(l.level()).isEqualTo(4));
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in 5 s");
            }
            Thread.sleep(10);
        }
    }
}
