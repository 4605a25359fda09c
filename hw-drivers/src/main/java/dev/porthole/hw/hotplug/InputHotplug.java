package dev.porthole.hw.hotplug;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import org.tinylog.TaggedLogger;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

import dev.porthole.hw.HwException;
import dev.porthole.hw.linux.DeviceFile;
import dev.porthole.hw.linux.LibC;

/**
 * Watches a device directory ({@code /dev/input} on a real system) with inotify and reports device
 * nodes whose names start with a prefix ({@code event}) as they appear and disappear. The nodes present
 * at start are reported first. On queue overflow the directory is rescanned and the difference
 * reported. Listener calls come from one daemon platform thread (native poll pins virtual threads), in order.
 */
public final class InputHotplug implements AutoCloseable {

    /** Receives node changes. */
    public interface Listener {
        /** A node appeared (or was present at start). */
        void added(Path node);

        /** A node disappeared. */
        void removed(Path node);

        /** A node's attributes changed (udev fixing permissions): a failed open may now succeed. */
        default void changed(Path node) {}
    }

    private static final TaggedLogger LOG = org.tinylog.Logger.tag("hw");

    private final Path dir;
    private final String prefix;
    private final Listener listener;
    private final DeviceFile inotify;
    private final Set<String> known = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;

    private InputHotplug(Path dir, String prefix, Listener listener, DeviceFile inotify) {
        this.dir = dir;
        this.prefix = prefix;
        this.listener = listener;
        this.inotify = inotify;
        this.thread = Thread.ofPlatform().daemon().name("hotplug-" + dir).unstarted(this::run);
    }

    /** Starts watching {@code dir} for nodes named {@code prefix*}. */
    public static InputHotplug start(Path dir, String prefix, Listener listener) {
        int fd;
        try {
            fd = LibC.get().inotify_init1(LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw DeviceFile.error("inotify", "inotify_init1", e);
        }
        DeviceFile f = DeviceFile.adopt("inotify(" + dir + ")", fd);
        try {
            LibC.get().inotify_add_watch(fd, dir.toString(), InotifyEvents.IN_CREATE | InotifyEvents.IN_DELETE
                    | InotifyEvents.IN_ATTRIB | InotifyEvents.IN_MOVED_FROM | InotifyEvents.IN_MOVED_TO
                    | InotifyEvents.IN_DELETE_SELF);
        } catch (LastErrorException e) {
            f.close();
            throw DeviceFile.error(dir.toString(), "inotify_add_watch", e);
        }
        InputHotplug h = new InputHotplug(dir, prefix, listener, f);
        h.thread.start();
        return h;
    }

    private void run() {
        rescan();
        byte[] buf = new byte[8192];
        try (Memory m = new Memory(buf.length)) {
            while (running) {
                if (!inotify.awaitReadable(200)) {
                    continue;
                }
                int n = inotify.read(m, buf.length);
                if (n <= 0) {
                    continue;
                }
                m.read(0, buf, 0, n);
                for (InotifyEvents.Event e : InotifyEvents.decode(buf, n)) {
                    handle(e);
                }
            }
        } catch (HwException e) {
            if (running) {
                LOG.error("hotplug watch failed dir={} error={}", dir, e.getMessage());
            }
        }
    }

    private void handle(InotifyEvents.Event e) {
        if (e.has(InotifyEvents.IN_Q_OVERFLOW)) {
            LOG.warn("hotplug inotify queue overflow dir={}: rescanning", dir);
            rescan();
            return;
        }
        if (e.has(InotifyEvents.IN_DELETE_SELF)) {
            LOG.warn("hotplug directory removed dir={}", dir);
            running = false;
            return;
        }
        if (!e.name().startsWith(prefix)) {
            return;
        }
        Path node = dir.resolve(e.name());
        if (e.has(InotifyEvents.IN_CREATE | InotifyEvents.IN_MOVED_TO)) {
            if (known.add(e.name())) {
                safely(() -> listener.added(node));
            }
        } else if (e.has(InotifyEvents.IN_DELETE | InotifyEvents.IN_MOVED_FROM)) {
            if (known.remove(e.name())) {
                safely(() -> listener.removed(node));
            }
        } else if (e.has(InotifyEvents.IN_ATTRIB) && known.contains(e.name())) {
            safely(() -> listener.changed(node));
        }
    }

    private void rescan() {
        Set<String> now = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + "*")) {
            ds.forEach(p -> now.add(p.getFileName().toString()));
        } catch (IOException e) {
            LOG.error("hotplug cannot list dir={} error={}", dir, e.getMessage());
            return;
        }
        for (String gone : new TreeSet<>(known)) {
            if (!now.contains(gone)) {
                known.remove(gone);
                safely(() -> listener.removed(dir.resolve(gone)));
            }
        }
        for (String n : now) {
            if (known.add(n)) {
                safely(() -> listener.added(dir.resolve(n)));
            }
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error(e, "hotplug listener failed dir={}", dir);
        }
    }

    /** Stops watching. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(java.time.Duration.ofMillis(1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inotify.close();
    }
}
