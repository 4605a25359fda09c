package dev.porthole.plugin.sandbox.host;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

import org.tinylog.Logger;

/**
 * Runs tasks one at a time, in submission order, on virtual threads (the Executor javadoc's serial
 * executor). Never rejects and holds no thread while idle, so a finished plugin run leaves nothing
 * behind even if late callbacks still arrive.
 */
final class SerialExecutor implements Executor {

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final String name;
    private boolean active;

    SerialExecutor(String name) {
        this.name = name;
    }

    @Override
    public void execute(Runnable r) {
        synchronized (tasks) {
            tasks.add(r);
            if (!active) {
                active = true;
                Thread.ofVirtual().name(name).start(this::drain);
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable r;
            synchronized (tasks) {
                r = tasks.poll();
                if (r == null) {
                    active = false;
                    return;
                }
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                Logger.tag("plugin").error(e, "task on {} failed", name);
            }
        }
    }
}
