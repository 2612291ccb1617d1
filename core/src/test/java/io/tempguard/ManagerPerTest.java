package io.tempguard;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The common fixture: a fresh root directory and a manager with the standard test configuration
 * ({@link TestManagers#config}) over it, opened before and closed after each test.
 */
abstract class ManagerPerTest {
    @TempDir
    Path root;

    TempFileManager manager;

    @BeforeEach
    void openManager() {
        manager = TestManagers.create(root);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }
}
