package dev.porthole.hw.hotplug;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real inotify on the host, watching a temp directory that stands in for /dev/input. */
class InputHotplugTest {

    @Test
    void nodesPresentAtStartThenCreatedThenRemoved(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("event0"));
        Files.createFile(dir.resolve("mice"));
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (InputHotplug h = InputHotplug.start(dir, "event", new InputHotplug.Listener() {
            @Override
            public void added(Path node) {
                seen.add("+" + node.getFileName());
            }

            @Override
            public void removed(Path node) {
                seen.add("-" + node.getFileName());
            }
        })) {
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("+event0");
            Files.createFile(dir.resolve("event7"));
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("+event7");
            Files.createFile(dir.resolve("js0"));
            Files.delete(dir.resolve("event0"));
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("-event0");
            assertThat(seen.poll(300, TimeUnit.MILLISECONDS)).as("js0 does not match the prefix").isNull();
        }
    }

    @Test
    void recordsDecodeAndTruncationStops() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1).putInt(InotifyEvents.IN_CREATE).putInt(0).putInt(16).put("event12".getBytes()).put(new byte[9]);
        b.putInt(1).putInt(InotifyEvents.IN_DELETE).putInt(0).putInt(200);
        List<InotifyEvents.Event> e = InotifyEvents.decode(b.array(), b.position());
        assertThat(e).containsExactly(new InotifyEvents.Event(1, InotifyEvents.IN_CREATE, "event12"));
    }
}
