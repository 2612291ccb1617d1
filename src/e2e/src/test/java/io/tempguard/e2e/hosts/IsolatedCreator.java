package io.tempguard.e2e.hosts;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Run only as a class that {@link AllEntryPointsHost}'s own class loader defined from bytes. */
public final class IsolatedCreator {
    public static List<String> create() throws IOException {
        List<String> created = new ArrayList<>();
        String loader = IsolatedCreator.class.getClassLoader().getName();
        created.add("FILE " + Files.createTempFile("isolated-" + loader + "-", ".tmp"));
        created.add("DIR " + Files.createTempDirectory("isolated-" + loader + "-dir-"));
        created.add("FILE " + File.createTempFile("isolated-" + loader + "-io-", ".tmp"));
        return created;
    }

    private IsolatedCreator() {
    }
}
