package dev.porthole.plugin.sandbox.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.plugin.sandbox.SandboxException;

/** OCI/Docker profiles: parsing, conditions, and compilation with the real libseccomp. */
class SeccompProfileTest {

    static final SeccompProfile.Platform HERE = new SeccompProfile.Platform(
            SeccompProfile.Platform.ociArch(System.getProperty("os.arch")), System.getProperty("os.version"));

    static SeccompProfile parse(String json) {
        return SeccompProfile.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    @Test
    void parsesTheDockerShape() {
        SeccompProfile p = parse("""
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
                 "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86"]}],
                 "syscalls": [
                   {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"},
                   {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38},
                   {"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]},
                   {"names": ["bpf"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
                   {"names": ["ptrace"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "99.0"}},
                   {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "excludes": {"caps": ["CAP_SYS_ADMIN"]},
                    "args": [{"index": 0, "value": 18446744073709551615, "op": "SCMP_CMP_EQ"}], "comment": "u64 max"}
                 ]}
                """);
        assertThat(p.defaultAction()).isEqualTo(SeccompProfile.Action.errno(1));
        assertThat(p.rules()).hasSize(6);
        assertThat(p.rules().get(1).action()).isEqualTo(SeccompProfile.Action.errno(38));
        assertThat(p.rules().get(2).args()).containsExactly(new SeccompProfile.Arg(0, SeccompProfile.Op.MASKED_EQ, 0x7E020000L, 0));
        assertThat(p.rules().get(3).appliesTo(HERE)).as("a plugin never holds CAP_SYS_ADMIN").isFalse();
        assertThat(p.rules().get(4).appliesTo(HERE)).as("minKernel 99").isFalse();
        assertThat(p.rules().get(5).appliesTo(HERE)).isTrue();
        assertThat(p.rules().get(5).args().getFirst().value()).isEqualTo(-1L);
    }

    @Test
    void refusesWhatThePluginSandboxDoesNotSupportNamingThePath() {
        assertThatThrownBy(() -> parse("{\"defaultAction\": \"SCMP_ACT_TRACE\"}")).hasMessageContaining("test.json: $: SCMP_ACT_TRACE");
        assertThatThrownBy(() -> parse("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_NOTIFY\"}]}"))
                .hasMessageContaining("$.syscalls[0].action: SCMP_ACT_NOTIFY is reserved");
        assertThatThrownBy(() -> parse("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"Read!\"], \"action\": \"SCMP_ACT_ERRNO\"}]}"))
                .hasMessageContaining("$.syscalls[0].names[0]: 'Read!' is not a system call name");
        assertThatThrownBy(() -> parse("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"args\": [{\"index\": 6, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]}"))
                .hasMessageContaining("$.syscalls[0].args[0].index: 6 outside 0..5");
        assertThatThrownBy(() -> parse("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"errnoRet\": 1}]}"))
                .hasMessageContaining("errnoRet is only meaningful");
        assertThatThrownBy(() -> parse("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"listenerPath\": \"/x\"}")).hasMessageContaining("listenerPath");
        assertThatThrownBy(() -> parse("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"args\": [{\"index\": 0, \"value\": -1, \"op\": \"SCMP_CMP_EQ\"}]}]}"))
                .hasMessageContaining("is negative");
        assertThatThrownBy(() -> parse("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"extra\": 1}")).hasMessageContaining("unknown field 'extra'");
    }

    @Test
    void theDefaultProfileCompilesWithLibseccompAndExportsBpf(@TempDir Path dir) throws Exception {
        SeccompProfile p = SeccompProfile.defaultPluginProfile();
        assertThat(p.defaultAction()).isEqualTo(SeccompProfile.Action.errno(1));
        try (SeccompFilter f = SeccompFilter.compile(p, HERE, false)) {
            f.exportBpf(dir.resolve("outer.bpf"));
            f.exportPfc(dir.resolve("outer.pfc"));
        }
        long size = Files.size(dir.resolve("outer.bpf"));
        assertThat(size).isPositive().isEqualTo(size / 8 * 8);
        String pfc = Files.readString(dir.resolve("outer.pfc"));
        assertThat(pfc).contains("filter for syscall \"clone3\"").contains("action ERRNO(38)").contains("action ERRNO(1)");
        assertThat(pfc).doesNotContain("\"ptrace\"").doesNotContain("\"mount\"").doesNotContain("\"unshare\"").doesNotContain("\"bpf\"");
    }

    @Test
    void unknownSyscallNamesAreSkippedAndListed() {
        SeccompProfile p = parse("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"no_such_call\", \"chmod\"], \"action\": \"SCMP_ACT_ERRNO\"}]}");
        try (SeccompFilter f = SeccompFilter.compile(p, HERE, false)) {
            assertThat(f.skipped()).containsExactly("no_such_call (unknown on this architecture)");
        }
        assertThat(SeccompFilter.resolve("read")).isGreaterThanOrEqualTo(0);
        assertThat(SeccompFilter.name(SeccompFilter.resolve("execve"))).isEqualTo("execve");
        assertThat(SeccompFilter.resolve("no_such_call")).isEqualTo(-1);
    }

    @Test
    void rulesWithTheDefaultActionAreDroppedNotRefused() {
        SeccompProfile p = new SeccompProfile(SeccompProfile.Action.ALLOW, List.of(
                new SeccompProfile.Rule(List.of("read"), SeccompProfile.Action.ALLOW, List.of())));
        try (SeccompFilter f = SeccompFilter.compile(p, HERE, false)) {
            assertThat(f.skipped()).isEmpty();
        }
    }

    @Test
    void badValuesAreRejectedByTheModel() {
        assertThatThrownBy(() -> new SeccompProfile.Action(SeccompProfile.ActionKind.ERRNO, 5000)).isInstanceOf(SandboxException.class);
        assertThat(SeccompProfile.Platform.compareKernel("6.1.0-13-amd64", "5.8")).isPositive();
        assertThat(SeccompProfile.Platform.compareKernel("4.19", "5.8")).isNegative();
    }
}
