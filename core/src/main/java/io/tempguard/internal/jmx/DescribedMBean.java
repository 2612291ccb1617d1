package io.tempguard.internal.jmx;

import io.tempguard.Description;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotCompliantMBeanException;
import javax.management.NotificationEmitter;
import javax.management.StandardEmitterMBean;
import javax.management.StandardMBean;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * An MXBean whose {@code MBeanInfo} carries the {@link Description}s of its interface, so JConsole
 * and VisualVM show a real line for every attribute, operation and parameter (and parameter names
 * instead of {@code p0}). The JMX framework builds the MBeanInfo as for any MXBean (open types and
 * their descriptors unchanged, so {@code JMX.newMXBeanProxy} still works); only the texts are
 * replaced through {@link StandardMBean}'s customization hooks.
 *
 * <p>An implementation that is a {@link NotificationEmitter} stays one: its notifications and its
 * {@code getNotificationInfo()} pass through ({@link StandardEmitterMBean}).
 */
public final class DescribedMBean {

    /**
     * {@code impl} as an MXBean of {@code intf}, described by {@code intf}'s annotations and
     * {@code description} (the MBean's own line).
     */
    public static <T> StandardMBean of(T impl, Class<T> intf, String description) throws NotCompliantMBeanException {
        Descriptions texts = new Descriptions(intf, description);
        if (impl instanceof NotificationEmitter) return new Emitting<>(impl, intf, (NotificationEmitter) impl, texts);
        return new Plain<>(impl, intf, texts);
    }

    private static final class Plain<T> extends StandardMBean {
        private final Descriptions texts;

        Plain(T impl, Class<T> intf, Descriptions texts) throws NotCompliantMBeanException {
            super(impl, intf, true);
            this.texts = texts;
        }

        @Override protected String getDescription(MBeanInfo info) { return texts.ofMBean(info); }
        @Override protected String getDescription(MBeanAttributeInfo info) { return texts.ofAttribute(info); }
        @Override protected String getDescription(MBeanOperationInfo info) { return texts.ofOperation(info); }
        @Override protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int i) {
            return texts.ofParameter(op, param, i);
        }
        @Override protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int i) {
            return texts.parameterName(op, param, i);
        }
    }

    private static final class Emitting<T> extends StandardEmitterMBean {
        private final Descriptions texts;

        Emitting(T impl, Class<T> intf, NotificationEmitter emitter, Descriptions texts) throws NotCompliantMBeanException {
            super(impl, intf, true, emitter);
            this.texts = texts;
        }

        @Override protected String getDescription(MBeanInfo info) { return texts.ofMBean(info); }
        @Override protected String getDescription(MBeanAttributeInfo info) { return texts.ofAttribute(info); }
        @Override protected String getDescription(MBeanOperationInfo info) { return texts.ofOperation(info); }
        @Override protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int i) {
            return texts.ofParameter(op, param, i);
        }
        @Override protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int i) {
            return texts.parameterName(op, param, i);
        }
        // StandardEmitterMBean answers getNotificationInfo() (and the MBeanInfo's notifications)
        // from the emitter itself.
    }

    /**
     * Finds the {@link Description} of each MBeanInfo element on {@code intf}'s methods. Where one
     * is missing, the framework's default text stays: the MBeanInfo test names it.
     */
    private static final class Descriptions {
        private final Class<?> intf;
        private final String description;

        Descriptions(Class<?> intf, String description) {
            this.intf = intf;
            this.description = description;
        }

        String ofMBean(MBeanInfo info) {
            return description != null ? description : info.getDescription();
        }

        String ofAttribute(MBeanAttributeInfo info) {
            Description d = attributeDescription(info);
            return d != null ? d.value() : info.getDescription();
        }

        String ofOperation(MBeanOperationInfo info) {
            Method m = operation(info);
            Description d = m == null ? null : m.getAnnotation(Description.class);
            return d != null ? d.value() : info.getDescription();
        }

        String ofParameter(MBeanOperationInfo op, MBeanParameterInfo param, int i) {
            Description d = parameterDescription(op, i);
            return d != null ? d.value() : param.getDescription();
        }

        String parameterName(MBeanOperationInfo op, MBeanParameterInfo param, int i) {
            Description d = parameterDescription(op, i);
            return d != null && !d.name().isEmpty() ? d.name() : param.getName();
        }

        /** The getter's annotation, else (a write-only attribute) the setter's. */
        private Description attributeDescription(MBeanAttributeInfo info) {
            String name = info.getName();
            for (Method m : intf.getMethods()) {
                String n = m.getName();
                boolean getter = m.getParameterCount() == 0
                        && (n.equals("get" + name) || (n.equals("is" + name) && m.getReturnType() == boolean.class));
                if (getter && m.isAnnotationPresent(Description.class)) return m.getAnnotation(Description.class);
            }
            for (Method m : intf.getMethods()) {
                if (m.getParameterCount() == 1 && m.getName().equals("set" + name)) return m.getAnnotation(Description.class);
            }
            return null;
        }

        private Description parameterDescription(MBeanOperationInfo op, int i) {
            Method m = operation(op);
            if (m == null || i >= m.getParameterCount()) return null;
            for (Annotation a : m.getParameterAnnotations()[i]) {
                if (a instanceof Description) return (Description) a;
            }
            return null;
        }

        /**
         * The interface method behind an operation: same name and parameter count (MXBean
         * signatures name open types, not the Java types, so the count is what can be compared).
         */
        private Method operation(MBeanOperationInfo op) {
            int arity = op.getSignature().length;
            for (Method m : intf.getMethods()) {
                if (m.getName().equals(op.getName()) && m.getParameterCount() == arity) return m;
            }
            return null;
        }
    }

    private DescribedMBean() {
    }
}
