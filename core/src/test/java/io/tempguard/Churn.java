package io.tempguard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Threads that keep a manager's counters moving (register, unregister, delete) until closed, so a
 * reader can check that a stats snapshot is one point in time.
 */
final class Churn implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong operations = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();

    Churn(TempFileManager manager, Path root, int threadCount) throws Exception {
        for (int t = 0; t < threadCount; t++) {
            Path file = Files.createFile(root.resolve("churn-" + t));
            Thread thread = new Thread(() -> {
                try {
                    for (long i = 0; !stop.get(); i++) {
                        if (i % 16 == 0) {
                            manager.newTempFile(root, "churn-", ".tmp").close(); // created and deleted
                        } else {
                            manager.register(file);
                            manager.unregister(file); // created and released
                        }
                        operations.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "churn-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    long operations() {
        return operations.get();
    }

    void assertNoFailure() {
        assertNull(failure.get(), () -> "churn failed: " + failure.get());
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) t.join(10_000);
    }
}
