package dev.porthole.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {

    @TempDir
    Path state;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void stageCommitAndFloor() {
        ConfigStore s = ConfigStore.open(state);
        assertThat(s.floor()).isZero();
        s.stage(3, b("three"));
        assertThat(s.floor()).isEqualTo(3);
        assertThat(s.staged()).hasValueSatisfying(st -> {
            assertThat(st.version()).isEqualTo(3);
            assertThat(st.pending()).isFalse();
            assertThat(st.bytes()).isEqualTo(b("three"));
        });
        assertThatThrownBy(() -> s.stage(3, b("again"))).hasMessageContaining("floor is 3");
        s.commit(3);
        assertThat(s.staged()).isEmpty();
        assertThat(s.currentVersion()).isEqualTo(3);

        ConfigStore reopened = ConfigStore.open(state);
        assertThat(reopened.floor()).isEqualTo(3);
        assertThat(reopened.goodVersions()).containsExactly(3L);
        assertThat(reopened.document(3)).hasValueSatisfying(d -> assertThat(d).isEqualTo(b("three")));
    }

    @Test
    void filesAreOwnerOnly() throws Exception {
        ConfigStore s = ConfigStore.open(state);
        s.stage(1, b("one"));
        s.commit(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("config"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("config/doc-1.jws"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("config/index.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void openRemovesWhatAnInterruptedWriteLeftBehind() throws Exception {
        ConfigStore s = ConfigStore.open(state);
        s.stage(1, b("one"));
        s.commit(1);
        Path dir = state.resolve("config");
        Files.write(dir.resolve(".tmp-index.json-abcdef"), b("{\"half"));
        Files.write(dir.resolve("doc-7.jws"), b("written, index never updated"));
        Files.write(dir.resolve("staged-9.jws"), b("orphan"));
        ConfigStore reopened = ConfigStore.open(state);
        assertThat(reopened.goodVersions()).containsExactly(1L);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("doc-1.jws", "index.json");
        }
    }

    @Test
    void unreadableIndexIsSetAsideAndRebuiltFromTheDocuments() throws Exception {
        ConfigStore s = ConfigStore.open(state);
        for (long v = 1; v <= 4; v++) {
            s.stage(v, b("doc " + v));
            s.commit(v);
        }
        Files.write(state.resolve("config/index.json"), b("garbage"));
        ConfigStore rebuilt = ConfigStore.open(state);
        assertThat(rebuilt.goodVersions()).containsExactly(4L, 3L, 2L);
        assertThat(rebuilt.floor()).isEqualTo(4);
        assertThat(state.resolve("config/index.json.unreadable")).exists();
    }

    @Test
    void atomicWriteReplacesWholeFilesOnly() throws Exception {
        Path f = state.resolve("x");
        AtomicFiles.write(f, b("first"), AtomicFiles.SHAREABLE);
        AtomicFiles.write(f, b("second, longer"), AtomicFiles.OWNER_ONLY);
        assertThat(Files.readString(f)).isEqualTo("second, longer");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        try (var files = Files.list(state)) {
            assertThat(files.toList()).containsExactly(f);
        }
        assertThatThrownBy(() -> AtomicFiles.read(f, 3)).hasMessageContaining("larger than 3 bytes");
    }
}
