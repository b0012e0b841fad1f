package vn.commune.telemetry.protocol.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A one-off item: an announcement aired once between two instants, ahead of the weekly slots it overlaps when its
 * priority is higher (an emergency bulletin interrupts whatever plays). It is for every loudspeaker of the commune,
 * or only for the ones {@code devices} names (an emergency for some villages).
 *
 * @param id       identifier, unique among the schedule's bulletins (same rule as slot ids)
 * @param priority its priority
 * @param start    when it starts (epoch milliseconds on the wire)
 * @param end      when it ends, after {@code start}
 * @param program  the programme aired, 1 to 256 characters
 * @param devices  the loudspeakers that air it; empty: every loudspeaker of the commune. Null is taken as empty
 */
public record Bulletin(String id, Priority priority, Instant start, Instant end, String program,
        List<String> devices) {

    /** Copies {@code devices} (null elements are kept for the codec to refuse). */
    public Bulletin {
        devices = devices == null || devices.isEmpty()
                ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(devices));
    }

    /** A bulletin for every loudspeaker of the commune. */
    public Bulletin(String id, Priority priority, Instant start, Instant end, String program) {
        this(id, priority, start, end, program, List.of());
    }

    /** Whether the loudspeaker {@code deviceId} airs it. */
    public boolean isFor(String deviceId) {
        return devices.isEmpty() || devices.contains(deviceId);
    }
}
