package dev.dpiqa.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each fault test saw, one JSON line per case in {@code target/fault-report.jsonl}, written before the test's
 * assertions so a failing case is reported too; {@code bench/faults.sh} turns it into the table of
 * bench/RESULTS.md.
 */
public final class FaultLog {

    private static final Path FILE = Path.of("target", "fault-report.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultLog() {
    }

    /**
     * @param lost            events that got no answer (neither a quality event nor a dead letter)
     * @param duplicates      answers beyond one per event
     * @param recoverySeconds from the fault to the first answer after it; null where nothing was interrupted
     */
    public static synchronized void record(String fault, String outcome, long events, long lost, long duplicates,
                                           Double recoverySeconds) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("fault", fault);
        line.put("outcome", outcome);
        line.put("events", events);
        line.put("lost", lost);
        line.put("duplicates", duplicates);
        line.put("recovery_s", recoverySeconds);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Expected ids without an answer, and answers beyond one per expected id, from the answers' source ids. */
    public static long[] lostAndDuplicates(java.util.Collection<String> expected, java.util.List<String> answered) {
        Map<String, Long> counts = new java.util.HashMap<>();
        answered.forEach(id -> counts.merge(id, 1L, Long::sum));
        long lost = expected.stream().filter(id -> !counts.containsKey(id)).count();
        long duplicates = expected.stream().mapToLong(id -> Math.max(0, counts.getOrDefault(id, 0L) - 1)).sum();
        return new long[]{lost, duplicates};
    }
}
