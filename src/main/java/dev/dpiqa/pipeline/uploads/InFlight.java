package dev.dpiqa.pipeline.uploads;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Work a consumer has taken on but not settled, so shutdown can let it finish. */
public final class InFlight {

    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();

    public <T> CompletableFuture<T> track(CompletableFuture<T> work) {
        running.add(work);
        work.whenComplete((ok, failure) -> running.remove(work));
        return work;
    }

    public int size() {
        return running.size();
    }

    /** @return whether everything settled within {@code limit} */
    public boolean awaitSettled(Duration limit) {
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                    .get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return true; // settled, if badly: the batch was nacked and will be redelivered
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
