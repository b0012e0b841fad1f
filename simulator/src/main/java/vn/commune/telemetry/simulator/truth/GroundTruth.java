package vn.commune.telemetry.simulator.truth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A truth file indexed for comparisons: the records by device and by fault, and uptime over any period, computed
 * the way the service should (online time over online plus offline time of the intervals clipped to the period).
 */
public final class GroundTruth {

    private final TruthRecord.Header header;
    private final Map<String, TruthRecord.DeviceInfo> devices = new LinkedHashMap<>();
    private final Map<String, List<TruthRecord.State>> states = new LinkedHashMap<>();
    private final Map<String, List<TruthRecord.Playing>> playing = new LinkedHashMap<>();
    private final Map<String, List<TruthRecord.Fault>> faults = new LinkedHashMap<>();
    private final List<TruthRecord.Slot> slots = new ArrayList<>();

    private GroundTruth(List<TruthRecord> records) {
        TruthRecord.Header first = null;
        for (TruthRecord record : records) {
            if (record instanceof TruthRecord.Header h) {
                first = h;
            } else if (record instanceof TruthRecord.DeviceInfo d) {
                devices.put(d.device(), d);
            } else if (record instanceof TruthRecord.State s) {
                states.computeIfAbsent(s.device(), key -> new ArrayList<>()).add(s);
            } else if (record instanceof TruthRecord.Playing p) {
                playing.computeIfAbsent(p.device(), key -> new ArrayList<>()).add(p);
            } else if (record instanceof TruthRecord.Slot slot) {
                slots.add(slot);
            } else if (record instanceof TruthRecord.Fault f) {
                faults.computeIfAbsent(f.fault(), key -> new ArrayList<>()).add(f);
            }
        }
        this.header = first;
        states.values().forEach(list -> list.sort((a, b) -> Long.compare(a.from(), b.from())));
        playing.values().forEach(list -> list.sort((a, b) -> Long.compare(a.from(), b.from())));
        // frozen once: the getters hand the lists out as they are
        states.replaceAll((device, list) -> List.copyOf(list));
        playing.replaceAll((device, list) -> List.copyOf(list));
        faults.replaceAll((type, list) -> List.copyOf(list));
    }

    /** Indexes records (as {@link TruthReader#read} returns them). */
    public static GroundTruth of(List<TruthRecord> records) {
        return new GroundTruth(records);
    }

    /** Reads and indexes a truth file. */
    public static GroundTruth read(Path file) throws IOException {
        return of(TruthReader.read(file));
    }

    /** Every slot occurrence at every loudspeaker, in file order. */
    public List<TruthRecord.Slot> slots() {
        return List.copyOf(slots);
    }

    /** The slot occurrences of one loudspeaker, in file order. */
    public List<TruthRecord.Slot> slots(String device) {
        return slots.stream().filter(slot -> slot.device().equals(device)).toList();
    }

    /** The header, or null when the file has none. */
    public TruthRecord.Header header() {
        return header;
    }

    /** The devices, in inventory order. */
    public Map<String, TruthRecord.DeviceInfo> devices() {
        return Collections.unmodifiableMap(devices);
    }

    /** A device's online and offline intervals, in time order. */
    public List<TruthRecord.State> states(String device) {
        return states.getOrDefault(device, List.of());
    }

    /** What a loudspeaker played, in time order. */
    public List<TruthRecord.Playing> playing(String device) {
        return playing.getOrDefault(device, List.of());
    }

    /** The faults of a type ({@code power_cut}, {@code malformed}, ...), in the order they were written. */
    public List<TruthRecord.Fault> faults(String type) {
        return faults.getOrDefault(type, List.of());
    }

    /** Milliseconds a device was online during {@code [from, to)}. */
    public long onlineMillis(String device, long from, long to) {
        return overlap(device, from, to, true);
    }

    /** Milliseconds a device was offline during {@code [from, to)}. */
    public long offlineMillis(String device, long from, long to) {
        return overlap(device, from, to, false);
    }

    /** A device's uptime during {@code [from, to)}, percent; 100 when the period holds none of its intervals. */
    public double uptimePercent(String device, long from, long to) {
        long online = onlineMillis(device, from, to);
        long total = online + offlineMillis(device, from, to);
        return total == 0 ? 100 : 100.0 * online / total;
    }

    private long overlap(String device, long from, long to, boolean online) {
        long total = 0;
        for (TruthRecord.State state : states.getOrDefault(device, List.of())) {
            if (state.online() == online) {
                total += Math.max(0, Math.min(to, state.to()) - Math.max(from, state.from()));
            }
        }
        return total;
    }
}
