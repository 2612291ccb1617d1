package io.tempguard.agent.internal;

import io.tempguard.agent.internal.instrument.JdkInstrumentations;
import io.tempguard.agent.internal.instrument.TypeInstrumentation;
import io.tempguard.testkit.Jdk;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default provider's channel opens reach the bridge once per open on JDK 17 and on JDK 25,
 * read from each JDK's own module image: on 25 {@code newByteChannel} opens through
 * {@code newFileChannel}, and with both hooked one {@code Files.createFile} was reported twice (an
 * uncaptured creation counted beside every {@code Files.createTempFile}) and stat'ed twice.
 */
class ChannelHooksPerJdkTest {
    private static final Set<String> CHANNEL_HOOKS = Set.of("channelOpening", "channelOpened");

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void everyOpenReachesTheChannelHooksOnceAndEveryHookIsAccountedFor(Jdk jdk) throws IOException {
        jdk.require();
        TypeInstrumentation provider = JdkInstrumentations.unixFileSystemProvider();
        Set<String> applied = new HashSet<>();
        byte[] rewritten = provider.transform(classBytes(jdk, provider.internalName()), applied);
        assertEquals(new TreeSet<>(provider.hooks()), new TreeSet<>(applied), "every hook found its method or its delegate");

        Map<String, Set<String>> ownCalls = new TreeMap<>();
        Set<String> reporting = new TreeSet<>();
        new ClassReader(rewritten).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                String method = name + descriptor;
                Set<String> calls = ownCalls.computeIfAbsent(method, k -> new TreeSet<>());
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String called, String calledDescriptor,
                                                boolean isInterface) {
                        if (owner.equals(BridgeContract.INTERNAL_NAME) && CHANNEL_HOOKS.contains(called)) {
                            reporting.add(method);
                        } else if (owner.equals(provider.internalName())) {
                            calls.add(called + calledDescriptor);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);

        assertTrue(reporting.stream().anyMatch(m -> m.startsWith("newFileChannel(")), "FileChannel.open is reported: " + reporting);
        for (String method : reporting) {
            Set<String> reportedAgain = new TreeSet<>(ownCalls.get(method));
            reportedAgain.retainAll(reporting);
            assertEquals(Set.of(), reportedAgain, method + " reports its open and calls a method that reports it again");
        }
    }

    /** The class file as {@code jdk} ships it, read from that JDK's module image. */
    private static byte[] classBytes(Jdk jdk, String internalName) throws IOException {
        try (FileSystem image = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of("java.home", jdk.home().toString()))) {
            return Files.readAllBytes(image.getPath("modules", "java.base", internalName + ".class"));
        }
    }
}
