package dev.porthole.plugin.sandbox.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Which mechanism limits a plugin's memory, tasks and CPU: a delegated cgroup v2 directory when one is
 * configured and has the memory and pids controllers, rlimits otherwise (address space and open files;
 * task and CPU limits then rest on the seccomp filters, which allow no new processes, and on the JVM's
 * own heap limit).
 *
 * @param detail why this mode applies, for the log and the certification report
 */
public record ResourceControl(Mode mode, Path cgroupBase, String detail) {

    /** The mechanism. */
    public enum Mode { CGROUP_V2, RLIMITS }

    /** Checks {@code base} (may be null) and decides. */
    public static ResourceControl detect(Path base) {
        if (base == null) {
            return new ResourceControl(Mode.RLIMITS, null, "rlimits (no delegated cgroup v2 directory configured)");
        }
        try {
            Path controllers = base.resolve("cgroup.controllers");
            if (!Files.isRegularFile(controllers)) {
                return new ResourceControl(Mode.RLIMITS, null, "rlimits (" + base + " is not a cgroup v2 directory)");
            }
            Set<String> have = Set.of(Files.readString(controllers).strip().split("\\s+"));
            if (!have.containsAll(List.of("memory", "pids"))) {
                return new ResourceControl(Mode.RLIMITS, null, "rlimits (cgroup v2 at " + base
                        + " lacks the memory/pids controllers: has " + have + ")");
            }
            Path subtree = base.resolve("cgroup.subtree_control");
            Set<String> enabled = Set.of(Files.readString(subtree).strip().split("\\s+"));
            if (!enabled.containsAll(List.of("memory", "pids"))) {
                try {
                    Files.writeString(subtree, "+memory +pids" + (have.contains("cpu") ? " +cpu" : ""));
                } catch (IOException e) {
                    return new ResourceControl(Mode.RLIMITS, null, "rlimits (cannot enable memory/pids in " + subtree
                            + ": " + e.getMessage() + ")");
                }
            }
            if (!Files.isWritable(base)) {
                return new ResourceControl(Mode.RLIMITS, null, "rlimits (" + base + " is not writable)");
            }
            return new ResourceControl(Mode.CGROUP_V2, base, "cgroup v2 at " + base + " (memory.max, memory.swap.max, pids.max"
                    + (have.contains("cpu") ? ", cpu.max" : "") + ") plus rlimits");
        } catch (IOException e) {
            return new ResourceControl(Mode.RLIMITS, null, "rlimits (cgroup v2 check failed: " + e.getMessage() + ")");
        }
    }

    /**
     * Prepares the plugin's cgroup and returns its {@code cgroup.procs} file (the launcher's shell moves
     * itself there before starting bubblewrap), or {@code null} in rlimits mode.
     */
    public Path prepare(String name, long memoryBytes, int maxTasks, int cpuMaxPercent) throws IOException {
        if (mode != Mode.CGROUP_V2) {
            return null;
        }
        Path cg = cgroupBase.resolve(name);
        Files.createDirectories(cg);
        Files.writeString(cg.resolve("memory.max"), Long.toString(memoryBytes));
        Path swap = cg.resolve("memory.swap.max");
        if (Files.exists(swap)) {
            Files.writeString(swap, "0");
        }
        Files.writeString(cg.resolve("pids.max"), Integer.toString(maxTasks));
        Path cpu = cg.resolve("cpu.max");
        if (cpuMaxPercent > 0 && Files.exists(cpu)) {
            Files.writeString(cpu, (cpuMaxPercent * 1000) + " 100000");
        }
        return cg.resolve("cgroup.procs");
    }
}
