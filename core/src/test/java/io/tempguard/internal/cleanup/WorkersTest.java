package io.tempguard.internal.cleanup;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue 13: the runner of a band's tasks: every task once, every result on the calling thread, a failure rethrown after all ran. */
class WorkersTest {
    private static List<Integer> tasks(int n) {
        List<Integer> t = new ArrayList<>();
        for (int i = 0; i < n; i++) t.add(i);
        return t;
    }

    @Test
    void everyTaskRunsOnceAndEveryResultReachesTheCallingThread() {
        Thread caller = Thread.currentThread();
        Set<String> workers = ConcurrentHashMap.newKeySet();
        List<Integer> results = new ArrayList<>();
        List<Thread> resultThreads = new ArrayList<>();
        Workers.run(tasks(200), 2, i -> {
            workers.add(Thread.currentThread().getName());
            return i * 2;
        }, r -> {
            results.add(r);
            resultThreads.add(Thread.currentThread());
        });
        Collections.sort(results);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) expected.add(i * 2);
        assertEquals(expected, results);
        assertEquals(Collections.nCopies(200, caller), resultThreads, "results are handed over on the caller's thread");
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheOthersAndIsRethrownAtTheEnd() {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        List<Integer> results = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Workers.run(tasks(50), 2, i -> {
            ran.add(i);
            if (i == 7) throw new IllegalStateException("task 7");
            return i;
        }, results::add));
        assertEquals("task 7", thrown.getMessage());
        assertEquals(50, ran.size(), "every task ran");
        assertEquals(49, results.size(), "every other result was handed over");
    }
}
