package vn.commune.telemetry.service.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Devices that talk to the broker but are not in the inventory, for staff to register. Bounded: past the bound the
 * device heard from longest ago is forgotten, and {@link #forgotten()} counts it. Used on one Vert.x context only.
 */
public final class UnregisteredDevices {

    /**
     * One unregistered device.
     *
     * @param id        the id it uses in its topics
     * @param firstSeen epoch ms of its first message since the service started
     * @param lastSeen  epoch ms of its latest message
     * @param count     messages received from it
     * @param lastTopic topic of its latest message
     */
    public record Entry(String id, long firstSeen, long lastSeen, long count, String lastTopic) {
    }

    private final int capacity;
    private final LinkedHashMap<String, Entry> entries;
    private long forgotten;

    public UnregisteredDevices(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                boolean full = size() > UnregisteredDevices.this.capacity;
                if (full) {
                    forgotten++;
                }
                return full;
            }
        };
    }

    /** Notes a message from {@code id}. */
    public void seen(String id, String topic, long nowMillis) {
        Entry previous = entries.get(id);
        if (previous == null) {
            entries.put(id, new Entry(id, nowMillis, nowMillis, 1, topic));
        } else {
            entries.put(id, new Entry(id, previous.firstSeen(), nowMillis, previous.count() + 1, topic));
        }
    }

    /** Forgets a device, once it has been registered. */
    public void remove(String id) {
        entries.remove(id);
    }

    /** All remembered, most recently heard first. */
    public List<Entry> list() {
        List<Entry> list = new ArrayList<>(entries.values());
        list.sort(Comparator.comparingLong(Entry::lastSeen).reversed());
        return list;
    }

    /** How many are remembered now. */
    public int size() {
        return entries.size();
    }

    /** How many were forgotten to keep within the bound. */
    public long forgotten() {
        return forgotten;
    }
}
