package io.gpjobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU time the storage emulator's process used so far, read from {@code /proc/<pid>/stat} (Linux). Its PID comes
 * from the system property {@code bench.azuritePid} or the {@code AZURITE_PID=} line of {@code .ci/.azurite.env}
 * in the working folder (where {@code .ci/azurite.sh start} writes it). The emulator runs its requests on one
 * thread, so a share near 100% of one core means it is saturated. Stateless.
 */
final class EmulatorCpu {

    /** Clock ticks per second of {@code /proc} times ({@code getconf CLK_TCK}; 100 on Linux). */
    private static final double TICKS = 100.0;

    private EmulatorCpu() {
    }

    /** The emulator's user + system CPU seconds so far, or -1 when its process cannot be found. */
    static double seconds() {
        long pid = pid();
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command (which may hold spaces) start after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS; // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long pid() {
        Long p = Long.getLong("bench.azuritePid");
        if (p != null) {
            return p;
        }
        Path env = Path.of(".ci", ".azurite.env");
        try {
            List<String> lines = Files.exists(env) ? Files.readAllLines(env) : List.of();
            for (String line : lines) {
                if (line.startsWith("AZURITE_PID=")) {
                    return Long.parseLong(line.substring(12).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
