package dev.dpiqa.review;

import dev.dpiqa.scoring.VerdictPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What this instance offers for review: the most recent scored uploads a person should look at (verdict review or
 * reject, or a MOS near a threshold, or a score the teacher had to settle), bounded in number, the oldest leaving
 * first. A later event for the same upload replaces the earlier (the teacher's answer after a student fallback).
 */
public final class ReviewQueue {

    private final int capacity;
    private final VerdictPolicy policy;
    private final Map<String, ReviewItem> items = new LinkedHashMap<>();

    /** @param policy an accepted upload within its borderline band is still shown */
    public ReviewQueue(int capacity, VerdictPolicy policy) {
        this.capacity = capacity;
        this.policy = policy;
    }

    /** Keeps the item if it needs a person's eye; true if it did. */
    public synchronized boolean offer(ReviewItem item) {
        if (!needsReview(item)) {
            items.remove(item.id()); // a later answer for the upload settled it
            return false;
        }
        items.remove(item.id());
        items.put(item.id(), item);
        while (items.size() > capacity) {
            items.remove(items.keySet().iterator().next());
        }
        return true;
    }

    private boolean needsReview(ReviewItem item) {
        return !ReviewItem.ACCEPT.equals(item.verdict()) || !ReviewItem.STUDENT.equals(item.stage())
                || policy.isBorderline(item.mos());
    }

    public synchronized Optional<ReviewItem> get(String id) {
        return Optional.ofNullable(items.get(id));
    }

    public synchronized int size() {
        return items.size();
    }

    public synchronized QueuePage page(QueueQuery query) {
        List<ReviewItem> newestFirst = new ArrayList<>(items.values());
        newestFirst.sort((a, b) -> b.time().compareTo(a.time()));
        List<ReviewItem> matching = newestFirst.stream().filter(query::matches).toList();
        int from = Math.min(query.offset(), matching.size());
        List<ReviewItem> page = matching.subList(from, Math.min(from + query.limit(), matching.size()));
        TreeSet<String> models = new TreeSet<>();
        items.values().forEach(item -> models.add(item.modelName() + "/" + item.modelVersion()));
        return new QueuePage(List.copyOf(page), matching.size(), from, List.copyOf(models));
    }
}
