package io.tempguard;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The public facade is what a library user needs (issue 10 item 1): what only the agent calls
 * lives behind {@code io.tempguard.internal.spi.HostObserver}, and nothing unused is public.
 */
class PublicApiTest {
    private static final List<String> AGENT_ONLY = Arrays.asList(
            "observeCreated", "observeDeleted", "observeMoved", "recordAgentError", "isEmpty", "globalIfCreated");

    @Test
    void theFacadeHasNoAgentOnlyOrUnusedPublicMethod() {
        Set<String> leaked = new TreeSet<>();
        for (Method m : TempFileManager.class.getMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && AGENT_ONLY.contains(m.getName())) leaked.add(m.getName());
        }
        assertEquals(Set.of(), leaked, "agent-only methods on the public TempFileManager");
    }

    @Test
    void theFacadeExposesNoInternalTypeInItsPublicSignatures() {
        Set<String> internal = new TreeSet<>();
        for (Method m : TempFileManager.class.getMethods()) {
            if (!Modifier.isPublic(m.getModifiers())) continue;
            for (Class<?> t : m.getParameterTypes()) if (t.getName().contains(".internal.")) internal.add(m.toString());
            if (m.getReturnType().getName().contains(".internal.")) internal.add(m.toString());
        }
        assertEquals(Set.of(), internal);
    }
}
