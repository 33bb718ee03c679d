package dev.dpiqa.api.console;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Rendered images by key, bounded in bytes: the least recently used leave first. */
final class RenderCache {

    private final long budget;
    private final Map<String, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long held;

    RenderCache(long budgetBytes) {
        this.budget = budgetBytes;
    }

    synchronized Optional<byte[]> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    synchronized void put(String key, byte[] value) {
        byte[] old = entries.put(key, value);
        held += value.length - (old == null ? 0 : old.length);
        for (Iterator<byte[]> it = entries.values().iterator(); held > budget && it.hasNext(); ) {
            held -= it.next().length;
            it.remove();
        }
    }
}
