package dev.dpiqa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A process's CPU time by what its threads do, read from {@code /proc} (Linux): where a service spends CPU beside
 * its model. Native threads (ONNX Runtime's, libtorch's) carry the name of the Java thread that started them.
 */
final class ThreadCpu {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ
    private static final int UTIME = 11;                 // fields after "pid (comm) ", from 0: state is 0

    private ThreadCpu() {
    }

    /** CPU time a process has used so far: all its threads, those that ended included, user and system. */
    static Duration total(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow(() ->
                new IllegalStateException("no CPU time for process " + process.pid()));
    }

    static String role(String thread) {
        if (thread.startsWith("dpiqa-student") || thread.startsWith("dpiqa-model")) {
            return "model";
        }
        if (thread.startsWith("dpiqa-pipeline")) {
            return "decode";
        }
        if (thread.contains("CompilerThre")) {
            return "jit";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ")) {
            return "gc";
        }
        if (thread.contains("kafka") || thread.startsWith("vert.x")) {
            return "kafka";
        }
        return "other";
    }

    /** CPU seconds so far per role, over the threads alive now. */
    static Map<String, Double> secondsByRole(long pid) throws IOException {
        Map<String, Double> seconds = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[UTIME]) + Long.parseLong(fields[UTIME + 1]);
                    seconds.merge(role(Files.readString(task.resolve("comm")).strip()), ticks / TICKS_PER_SECOND,
                            Double::sum);
                } catch (IOException ended) {
                    // the thread ended between listing and reading: its time is no longer the process's to split
                }
            }
        }
        return seconds;
    }

    /** Per-event CPU seconds per role between two readings. */
    static Map<String, Double> perEvent(Map<String, Double> before, Map<String, Double> after, int events) {
        Map<String, Double> perEvent = new TreeMap<>();
        after.forEach((role, seconds) -> perEvent.put(role,
                Math.max(0, seconds - before.getOrDefault(role, 0.0)) / events));
        return perEvent;
    }
}
