package vn.commune.telemetry.service.maintenance;

import java.util.Objects;

/**
 * A declared maintenance window: the device, or every device at and below the place, is in {@code maintenance}
 * from {@code from} until {@code to} (or until ended, when open).
 *
 * @param id         its id ({@code mw-…})
 * @param target     the device id or place id
 * @param targetKind {@code device} or {@code place}
 * @param from       start, epoch milliseconds
 * @param to         planned or actual end (exclusive), or null while open-ended
 * @param reason     why, as declared
 * @param declaredBy who declared it
 * @param declaredAt when it was declared
 * @param endedBy    who ended it early, or null
 */
public record MaintenanceWindow(String id, String target, String targetKind, long from, Long to, String reason,
        String declaredBy, long declaredAt, String endedBy) {

    /** Target kind of a window for one device. */
    public static final String DEVICE = "device";
    /** Target kind of a window for a place. */
    public static final String PLACE = "place";

    /** Checks the required fields. */
    public MaintenanceWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        if (!DEVICE.equals(targetKind) && !PLACE.equals(targetKind)) {
            throw new IllegalArgumentException("targetKind must be device or place: " + targetKind);
        }
    }

    /** The end, {@link Long#MAX_VALUE} while open. */
    public long end() {
        return to == null ? Long.MAX_VALUE : to;
    }

    /** Whether instant {@code t} is inside. */
    public boolean activeAt(long t) {
        return t >= from && t < end();
    }

    /** Whether it overlaps {@code [start, stop)}. */
    public boolean overlaps(long start, long stop) {
        return from < stop && end() > start;
    }

    /** The same window ended at {@code at} by {@code by} (a window not yet begun ends where it begins). */
    public MaintenanceWindow endedAt(long at, String by) {
        return new MaintenanceWindow(id, target, targetKind, from, Math.max(from, at), reason, declaredBy,
                declaredAt, by);
    }
}
