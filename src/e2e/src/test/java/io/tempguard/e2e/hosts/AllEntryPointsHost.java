package io.tempguard.e2e.hosts;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Creates temp files and directories through all six JDK entry points from several threads at once,
 * and through a class defined by its own class loader; prints each as {@code FILE path} or
 * {@code DIR path}, then {@code READY}, waits for a line on stdin and exits normally.
 *
 * <p>Arguments: threads, rounds per thread.
 */
public final class AllEntryPointsHost {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        List<String> created = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String tag = "t" + t + "-";
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        created.add("FILE " + Files.createTempFile(tag + "nio2-", ".tmp"));
                        created.add("FILE " + Files.createTempFile(tmp, tag + "nio3-", ".tmp"));
                        created.add("DIR " + Files.createTempDirectory(tag + "nio1d-"));
                        created.add("DIR " + Files.createTempDirectory(tmp, tag + "nio2d-"));
                        created.add("FILE " + File.createTempFile(tag + "io2-", ".tmp"));
                        created.add("FILE " + File.createTempFile(tag + "io3-", null, tmp.toFile()));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "creator-" + t);
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) worker.join();
        if (!failures.isEmpty()) {
            failures.get(0).printStackTrace();
            System.exit(3);
        }

        // The same creations from code that a class loader of the host's own defined from bytes.
        BytesClassLoader loader = new BytesClassLoader();
        Class<?> isolated = loader.define("io.tempguard.e2e.hosts.IsolatedCreator");
        if (isolated.getClassLoader() != loader) throw new AssertionError("IsolatedCreator came from " + isolated.getClassLoader());
        Method create = isolated.getMethod("create");
        @SuppressWarnings("unchecked")
        List<String> fromIsolated = (List<String>) create.invoke(null);
        created.addAll(fromIsolated);

        for (String line : created) System.out.println(line);
        HostIo.readyThenWait("READY");
    }

    /** Defines a class from the bytes of its .class file, with the platform loader as parent. */
    static final class BytesClassLoader extends ClassLoader {
        BytesClassLoader() {
            super("host-bytes-loader", ClassLoader.getPlatformClassLoader());
        }

        Class<?> define(String name) throws IOException {
            String resource = name.replace('.', '/') + ".class";
            byte[] bytes;
            try (InputStream in = AllEntryPointsHost.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) throw new IOException("no " + resource);
                bytes = in.readAllBytes();
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    private AllEntryPointsHost() {
    }
}
