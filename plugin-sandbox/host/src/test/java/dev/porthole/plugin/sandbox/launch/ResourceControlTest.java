package dev.porthole.plugin.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which limits apply. This machine has no usable cgroup v2 memory controller (hybrid hierarchy), so the
 * cgroup v2 path is exercised on a directory laid out like a delegated cgroup: the files it reads and
 * writes are the kernel's interface, but no kernel enforces them here.
 */
class ResourceControlTest {

    @TempDir
    Path dir;

    @Test
    void withoutADelegatedCgroupRlimitsApply() {
        ResourceControl rc = ResourceControl.detect(null);
        assertThat(rc.mode()).isEqualTo(ResourceControl.Mode.RLIMITS);
        assertThat(rc.detail()).contains("no delegated cgroup v2 directory");
    }

    @Test
    void aDirectoryThatIsNotACgroupMeansRlimits() {
        assertThat(ResourceControl.detect(dir).detail()).contains("is not a cgroup v2 directory");
    }

    @Test
    void missingControllersMeanRlimits() throws Exception {
        Files.writeString(dir.resolve("cgroup.controllers"), "cpu io\n");
        assertThat(ResourceControl.detect(dir).detail()).contains("lacks the memory/pids controllers");
    }

    @Test
    void aDelegatedCgroupGetsTheLimitsWritten() throws Exception {
        Files.writeString(dir.resolve("cgroup.controllers"), "cpu io memory pids\n");
        Files.writeString(dir.resolve("cgroup.subtree_control"), "\n");
        ResourceControl rc = ResourceControl.detect(dir);
        assertThat(rc.mode()).isEqualTo(ResourceControl.Mode.CGROUP_V2);
        assertThat(Files.readString(dir.resolve("cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu");
        Path plugin = dir.resolve("porthole-com.example.echo");
        Files.createDirectories(plugin);
        Files.writeString(plugin.resolve("memory.swap.max"), "max");
        Files.writeString(plugin.resolve("cpu.max"), "max 100000");
        Path procs = rc.prepare("porthole-com.example.echo", 800L << 20, 128, 50);
        assertThat(procs).isEqualTo(plugin.resolve("cgroup.procs"));
        assertThat(Files.readString(plugin.resolve("memory.max"))).isEqualTo(Long.toString(800L << 20));
        assertThat(Files.readString(plugin.resolve("memory.swap.max"))).isEqualTo("0");
        assertThat(Files.readString(plugin.resolve("pids.max"))).isEqualTo("128");
        assertThat(Files.readString(plugin.resolve("cpu.max"))).isEqualTo("50000 100000");
    }

    @Test
    void thisMachinesUnifiedHierarchyIsDetectedHonestly() throws Exception {
        Path unified = Path.of("/sys/fs/cgroup/unified");
        Path v2 = Files.exists(unified.resolve("cgroup.controllers")) ? unified : Path.of("/sys/fs/cgroup");
        Path controllers = v2.resolve("cgroup.controllers");
        if (Files.exists(controllers) && Files.readString(controllers).contains("memory")) {
            // a real delegated hierarchy: detect() would enable controllers in it, which a test must not do to the host
            assertThat(Files.readString(controllers)).contains("memory");
            return;
        }
        ResourceControl rc = ResourceControl.detect(v2);
        System.out.println("resource control on this machine: " + rc.detail());
        assertThat(rc.mode()).isEqualTo(ResourceControl.Mode.RLIMITS);
        assertThat(rc.detail()).startsWith("rlimits (");
    }
}
