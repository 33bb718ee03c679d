package dev.dpiqa.review;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The images of recent uploads by upload identity, so the queue can show a photo the quality event does not
 * carry. Bounded twice: in uploads remembered (the oldest forgotten), and in bytes of inline images held (the
 * oldest inline bytes dropped first, their reference kept so the console can say why there is no photo).
 */
public final class UploadIndex {

    private final int capacity;
    private final long inlineBudget;
    private final Map<String, PhotoRef> refs = new LinkedHashMap<>();
    private long inlineHeld;

    public UploadIndex(int capacity, long inlineBudgetBytes) {
        this.capacity = capacity;
        this.inlineBudget = inlineBudgetBytes;
    }

    public synchronized void put(String uploadKey, PhotoRef ref) {
        PhotoRef old = refs.remove(uploadKey);
        if (old != null) {
            inlineHeld -= old.inlineBytes();
        }
        refs.put(uploadKey, ref);
        inlineHeld += ref.inlineBytes();
        while (refs.size() > capacity) {
            Iterator<PhotoRef> oldest = refs.values().iterator();
            inlineHeld -= oldest.next().inlineBytes();
            oldest.remove();
        }
        for (Iterator<Map.Entry<String, PhotoRef>> it = refs.entrySet().iterator();
             inlineHeld > inlineBudget && it.hasNext(); ) {
            Map.Entry<String, PhotoRef> entry = it.next();
            inlineHeld -= entry.getValue().inlineBytes();
            entry.setValue(entry.getValue().withoutInline());
        }
    }

    /** Drops the inline bytes of an upload nobody will review, leaving room for those that are queued. */
    public synchronized void release(String uploadKey) {
        PhotoRef ref = refs.get(uploadKey);
        if (ref != null && ref.inline().isPresent()) {
            inlineHeld -= ref.inlineBytes();
            refs.put(uploadKey, ref.withoutInline());
        }
    }

    public synchronized Optional<PhotoRef> get(String uploadKey) {
        return Optional.ofNullable(refs.get(uploadKey));
    }

    synchronized long inlineHeld() {
        return inlineHeld;
    }
}
