package io.tempguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an attribute, operation or operation parameter of {@link TempFileManagerMXBean} means, in
 * one line, for the people who read the MBean in JConsole or VisualVM. The MBean's
 * {@code MBeanInfo} carries it as the description; on a parameter, {@link #name()} replaces the
 * {@code p0}, {@code p1}, ... names that standard introspection would give it.
 *
 * <p>On a getter it describes the attribute; on a setter it is not needed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.PARAMETER})
public @interface Description {
    /** One line: what it is, with its unit. */
    String value();

    /** For a parameter: its name in the MBeanInfo (JConsole's label). Ignored on methods. */
    String name() default "";
}
