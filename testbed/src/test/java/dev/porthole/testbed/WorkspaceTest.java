package dev.porthole.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Workspaces: one per instance, stale ones (of JVMs that are gone) removed when the same kind starts again. */
class WorkspaceTest {

    /** A process id that no running process has (a process that has ended and been reaped). */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        return pid;
    }

    @Test
    void creatingAWorkspaceRemovesStaleOnesOfTheSameKindOnly() throws Exception {
        long dead = deadPid();
        long self = ProcessHandle.current().pid();
        Path root = Workspace.root();
        Files.createDirectories(root);
        Path stale = Files.createDirectories(root.resolve("wstest-" + dead + "-1-abc123"));
        Files.writeString(Files.createDirectories(stale.resolve("deep/er")).resolve("f"), "x");
        Path live = Files.createDirectories(root.resolve("wstest-" + self + "-99999-abc123"));
        Path otherKind = Files.createDirectories(root.resolve("wstest-other-" + dead + "-1-abc123"));
        List<Path> seen = new ArrayList<>();
        try {
            Path created = Workspace.create("wstest", seen::add);
            assertThat(created.getFileName().toString()).startsWith("wstest-" + self + "-");
            assertThat(stale).doesNotExist();
            assertThat(seen).containsExactly(stale);
            assertThat(live).as("workspace of a running JVM").exists();
            assertThat(otherKind).as("workspace of another kind").exists();
            Workspace.removeStale("wstest-other");
            assertThat(otherKind).doesNotExist();
            Workspace.deleteTree(created);
            assertThat(created).doesNotExist();
        } finally {
            Workspace.deleteTree(live);
            Workspace.deleteTree(otherKind);
            Workspace.deleteTree(stale);
        }
    }

    @Test
    void kindsAreLowerCaseWords() {
        assertThatThrownBy(() -> Workspace.create("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Workspace.create("Xrdp")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletingAMissingTreeIsHarmless() throws IOException {
        Workspace.deleteTree(Workspace.root().resolve("does-not-exist-" + System.nanoTime()));
    }
}
