package io.tempguard.internal.jmx;

import io.tempguard.internal.threshold.Thresholds;

import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.MalformedObjectNameException;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MXBean's notifications: one {@value #EXCEEDED} when a threshold is crossed, one
 * {@value #RECOVERED} when its value falls back (see {@link Thresholds} for the hysteresis). The
 * user data is a {@code CompositeData} ({@value #USER_DATA_TYPE}) with the items
 * {@code threshold} (String), {@code value} (long), {@code limit} (long) and {@code topSites}
 * (String[]). One per manager, shared by every adapter made for it; the adapter delegates its
 * {@code NotificationEmitter} methods here. Sent on the maintenance thread; a remote listener's
 * connector queues them, so no client can stall it.
 */
public final class ThresholdNotifier extends NotificationBroadcasterSupport implements Thresholds.Listener {
    public static final String EXCEEDED = "io.tempguard.threshold.exceeded";
    public static final String RECOVERED = "io.tempguard.threshold.recovered";
    public static final String USER_DATA_TYPE = "io.tempguard.ThresholdCrossing";

    private static final String[] ITEMS = {"threshold", "value", "limit", "topSites"};
    private static final MBeanNotificationInfo[] INFO = {
        new MBeanNotificationInfo(new String[] {EXCEEDED, RECOVERED}, Notification.class.getName(),
                "A threshold (warnTrackedFiles, warnTrackedBytes, warnFreeSpace) was crossed or fell back; "
                        + "user data: threshold, value, limit, topSites")
    };

    private final Object source;
    private final AtomicLong sequence = new AtomicLong();

    /** @param objectName the MBean's name, the notifications' source */
    public ThresholdNotifier(String objectName) {
        super(INFO);
        Object name;
        try {
            name = new ObjectName(objectName);
        } catch (MalformedObjectNameException e) {
            name = objectName; // the configuration checked it already; never fail a manager for a notification source
        }
        this.source = name;
    }

    @Override
    public void crossed(Thresholds.Crossing crossing) {
        Notification n = new Notification(crossing.exceeded() ? EXCEEDED : RECOVERED, source,
                sequence.incrementAndGet(), System.currentTimeMillis(), crossing.message());
        n.setUserData(userData(crossing));
        sendNotification(n);
    }

    static CompositeDataSupport userData(Thresholds.Crossing c) {
        try {
            return new CompositeDataSupport(Types.TYPE, ITEMS,
                    new Object[] {c.threshold(), c.value(), c.limit(), c.topSites()});
        } catch (OpenDataException e) {
            throw new IllegalStateException("tempguard: bad threshold user data", e);
        }
    }

    /** Built on first use only: a JVM that never crosses a threshold never builds the open types. */
    private static final class Types {
        static final CompositeType TYPE;

        static {
            try {
                TYPE = new CompositeType(USER_DATA_TYPE, "A threshold crossing", ITEMS,
                        new String[] {"Option name of the threshold", "The value now (files, bytes or free bytes)",
                            "The limit in the value's unit (a percentage as bytes of the worst root)",
                            "Where most tracked paths were created, largest first"},
                        new OpenType<?>[] {SimpleType.STRING, SimpleType.LONG, SimpleType.LONG,
                            ArrayType.getArrayType(SimpleType.STRING)});
            } catch (OpenDataException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
