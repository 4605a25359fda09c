package dev.porthole.plugin.sandbox.launch;

import java.nio.file.Path;
import java.util.List;

import dev.porthole.plugin.sandbox.SandboxException;

/**
 * How plugin JVMs are started. Everything is passed in (the device agent reads its configuration and
 * environment; this module does not).
 *
 * @param bwrap             the bubblewrap binary
 * @param shell             a POSIX shell, used for the few lines that set limits and hand bubblewrap the BPF fd
 * @param javaHome          the JDK the plugins run on (bound read-only)
 * @param runtimeClasspath  the trusted jars (or class directories) for the bootstrap: the SDK, this module, JNA
 * @param runDir            a host-private directory for per-plugin IPC sockets and filter files
 * @param arch              the OCI architecture name ({@code SCMP_ARCH_X86_64})
 * @param kernelRelease     the running kernel release (for profile {@code minKernel} conditions)
 * @param cgroupBase        a delegated cgroup v2 directory where plugin cgroups may be created, or {@code null}
 * @param extraMemoryMb     what a plugin JVM needs beyond its heap (metaspace, code, threads, libraries);
 *                          heap + this is the process limit (RLIMIT_AS, or memory.max under cgroup v2)
 * @param maxOpenFiles      RLIMIT_NOFILE for a plugin
 * @param maxTasks          pids.max (cgroup v2 only: RLIMIT_NPROC does not bind a root-owned host)
 * @param cpuMaxPercent     cpu.max as a percentage of one CPU (cgroup v2 only), or 0 for no cap
 * @param jvmOptions        extra JVM options for every plugin (e.g. {@code -XX:TieredStopAtLevel=1})
 * @param devices           how device nodes for the audio/USB capabilities are found
 */
public record SandboxConfig(Path bwrap, Path shell, Path javaHome, List<Path> runtimeClasspath, Path runDir, String arch,
                            String kernelRelease, Path cgroupBase, int extraMemoryMb, int maxOpenFiles, int maxTasks,
                            int cpuMaxPercent, List<String> jvmOptions, DeviceNodes devices) {

    public SandboxConfig {
        runtimeClasspath = List.copyOf(runtimeClasspath);
        jvmOptions = List.copyOf(jvmOptions);
        if (runtimeClasspath.isEmpty()) {
            throw new SandboxException(SandboxException.Kind.ARGUMENT, "runtimeClasspath is empty");
        }
        if (extraMemoryMb < 128 || maxOpenFiles < 64 || maxTasks < 16 || cpuMaxPercent < 0) {
            throw new SandboxException(SandboxException.Kind.ARGUMENT, "limits too small: extraMemoryMb " + extraMemoryMb
                    + " (>= 128), maxOpenFiles " + maxOpenFiles + " (>= 64), maxTasks " + maxTasks + " (>= 16)");
        }
    }

    /**
     * Defaults for a Debian system: {@code /usr/bin/bwrap}, {@code /bin/sh}, 768 MiB beyond the heap,
     * 1024 files, 128 tasks, no CPU cap, no cgroup, no device nodes.
     */
    public static SandboxConfig defaults(Path javaHome, List<Path> runtimeClasspath, Path runDir, String arch, String kernelRelease) {
        return new SandboxConfig(Path.of("/usr/bin/bwrap"), Path.of("/bin/sh"), javaHome, runtimeClasspath, runDir, arch,
                kernelRelease, null, 768, 1024, 128, 0, List.of("-XX:TieredStopAtLevel=1"), DeviceNodes.none());
    }

    /** A copy with a delegated cgroup v2 base directory. */
    public SandboxConfig withCgroupBase(Path base) {
        return new SandboxConfig(bwrap, shell, javaHome, runtimeClasspath, runDir, arch, kernelRelease, base, extraMemoryMb,
                maxOpenFiles, maxTasks, cpuMaxPercent, jvmOptions, devices);
    }

    /** A copy with other device discovery. */
    public SandboxConfig withDevices(DeviceNodes d) {
        return new SandboxConfig(bwrap, shell, javaHome, runtimeClasspath, runDir, arch, kernelRelease, cgroupBase, extraMemoryMb,
                maxOpenFiles, maxTasks, cpuMaxPercent, jvmOptions, d);
    }

    /** A copy with other JVM options. */
    public SandboxConfig withJvmOptions(List<String> options) {
        return new SandboxConfig(bwrap, shell, javaHome, runtimeClasspath, runDir, arch, kernelRelease, cgroupBase, extraMemoryMb,
                maxOpenFiles, maxTasks, cpuMaxPercent, options, devices);
    }
}
