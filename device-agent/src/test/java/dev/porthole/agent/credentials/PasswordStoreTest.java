package dev.porthole.agent.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.agent.config.StateDirectory;

class PasswordStoreTest {

    @TempDir
    Path dir;

    private static final String SECRET = "Kiosk-Pässwörd-🔑-42";

    @Test
    void storesEncryptedAndReadsBack() throws Exception {
        StateDirectory state = new StateDirectory(dir.resolve("state"));
        PasswordStore store = PasswordStore.of(state);
        assertThat(store.load()).isEmpty();
        assertThat(Files.exists(state.deviceKey())).isFalse();

        store.store(SECRET.toCharArray());

        assertThat(new String(store.load().orElseThrow())).isEqualTo(SECRET);
        byte[] onDisk = Files.readAllBytes(state.kioskPassword());
        assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).startsWith("PHPW");
        assertThat(indexOf(onDisk, SECRET.getBytes(StandardCharsets.UTF_8))).isNegative();
        assertThat(indexOf(onDisk, "Kiosk".getBytes(StandardCharsets.UTF_8))).isNegative();
        // key created on first use, owner-only; directories owner-only
        assertThat(Files.size(state.deviceKey())).isEqualTo(DeviceKey.LENGTH);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.deviceKey()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.kioskPassword())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.deviceKey().getParent())))
                .isEqualTo("rwx------");
        assertThat(store.toString()).doesNotContain(SECRET).contains("password.enc");
    }

    @Test
    void eachStoreUsesAFreshNonceAndTheSameKey() throws Exception {
        StateDirectory state = new StateDirectory(dir);
        PasswordStore store = PasswordStore.of(state);
        store.store("same".toCharArray());
        byte[] key1 = Files.readAllBytes(state.deviceKey());
        byte[] first = Files.readAllBytes(state.kioskPassword());
        store.store("same".toCharArray());
        assertThat(Files.readAllBytes(state.deviceKey())).isEqualTo(key1);
        assertThat(Files.readAllBytes(state.kioskPassword())).isNotEqualTo(first);
        assertThat(new String(store.load().orElseThrow())).isEqualTo("same");
    }

    @Test
    void tamperedCiphertextIsRefused() throws Exception {
        StateDirectory state = new StateDirectory(dir);
        PasswordStore store = PasswordStore.of(state);
        store.store(SECRET.toCharArray());
        byte[] data = Files.readAllBytes(state.kioskPassword());
        data[data.length - 20] ^= 1;
        Files.write(state.kioskPassword(), data);
        assertThatThrownBy(store::load).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("does not decrypt with the device key").hasMessageNotContaining(SECRET);
    }

    @Test
    void anotherDevicesKeyCannotDecrypt() throws Exception {
        StateDirectory a = new StateDirectory(dir.resolve("a"));
        StateDirectory b = new StateDirectory(dir.resolve("b"));
        PasswordStore.of(a).store(SECRET.toCharArray());
        PasswordStore.of(b).store("other".toCharArray());
        Files.copy(a.kioskPassword(), b.kioskPassword(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> PasswordStore.of(b).load()).hasMessageContaining("encrypted on another device");
    }

    @Test
    void aKeyReadableByOthersIsNotUsed() throws Exception {
        StateDirectory state = new StateDirectory(dir);
        PasswordStore.of(state).store(SECRET.toCharArray());
        Files.setPosixFilePermissions(state.deviceKey(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> PasswordStore.of(state).load()).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("rw-r--r--").hasMessageContaining("owner-only");
    }

    @Test
    void missingKeyAndForeignFilesAreClearErrors() throws Exception {
        StateDirectory state = new StateDirectory(dir);
        PasswordStore store = PasswordStore.of(state);
        store.store(SECRET.toCharArray());
        Files.delete(state.deviceKey());
        assertThatThrownBy(store::load).hasMessageContaining("device key").hasMessageContaining("is missing");
        Files.write(state.kioskPassword(), "not ours at all, really not".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(store::load).hasMessageContaining("not a Porthole encrypted password file");
        assertThatThrownBy(() -> store.store(new char[0])).hasMessageContaining("empty");
    }

    @Test
    void wrongSizedKeyIsRefused() throws Exception {
        StateDirectory state = new StateDirectory(dir);
        Files.createDirectories(state.deviceKey().getParent());
        Files.write(state.deviceKey(), new byte[16]);
        Files.setPosixFilePermissions(state.deviceKey(), PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> PasswordStore.of(state).store("x".toCharArray()))
                .hasMessageContaining("16 bytes, expected 32");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
