package vn.commune.telemetry.simulator.broadcast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import vn.commune.telemetry.protocol.schedule.Airing;
import vn.commune.telemetry.simulator.device.LoudspeakerModel;
import vn.commune.telemetry.simulator.truth.TruthRecord;

/**
 * The truth of broadcast compliance: for every slot occurrence at every loudspeaker, how long it should have aired
 * and how long it did, and for the time it did not, why — moment by moment, from what the simulation knows. A slot
 * is <b>missed</b> when less than {@value #MISS_BELOW} of it was played; its cause is the reason of most of the time
 * not played. The reasons, and a tie's order, are the service's ({@code MissCause}):
 *
 * <ol>
 *   <li>{@code no_power}: offline after reporting {@code power_lost}, before reporting {@code power_restored} or
 *       coming back online;</li>
 *   <li>{@code offline}: offline otherwise;</li>
 *   <li>{@code other_program}: online and playing a programme of its own;</li>
 *   <li>{@code amplifier_fault}: online with its amplifier or every horn broken;</li>
 *   <li>{@code not_played}: online and silent.</li>
 * </ol>
 *
 * Called by {@link BroadcastDirector} at every instant what a loudspeaker should air or can do changes: {@link
 * #advance} accounts the time since the last call under the condition then, {@link #expect} records the new one.
 */
public final class SlotLedger {

    /** Below this share of an occurrence played, it is missed (the service's default {@code broadcast.miss-below}). */
    public static final double MISS_BELOW = 0.8;

    /** Why a loudspeaker is not playing what it should, at a moment. */
    enum Shortfall {
        NO_POWER, OFFLINE, OTHER_PROGRAM, AMPLIFIER_FAULT, NOT_PLAYED;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Integer, Speaker> speakers = new HashMap<>();
    private final Consumer<TruthRecord.Slot> sink;

    /** @param sink where closed occurrences go (the truth file), in the order they close */
    public SlotLedger(Consumer<TruthRecord.Slot> sink) {
        this.sink = sink;
    }

    /** One occurrence being accounted. */
    private static final class Open {
        final Airing airing;
        final long version;
        long expected;
        long played;
        final Map<Shortfall, Long> shortfall = new EnumMap<>(Shortfall.class);

        Open(Airing airing, long version) {
            this.airing = airing;
            this.version = version;
        }
    }

    /** A loudspeaker's condition since {@code since}, and its open occurrences. */
    private static final class Speaker {
        final String id;
        Airing expected;
        long version;
        boolean playing;
        Shortfall why;
        long since;
        final Map<String, Open> open = new LinkedHashMap<>();

        Speaker(String id) {
            this.id = id;
        }
    }

    /** Accounts the time from the last call to {@code t} for the loudspeaker, under its condition then. */
    public void advance(LoudspeakerModel model, long t) {
        Speaker speaker = speakers.get(model.index());
        if (speaker == null || speaker.expected == null || t <= speaker.since) {
            return;
        }
        Open open = speaker.open.computeIfAbsent(key(speaker.expected), k -> new Open(speaker.expected,
                speaker.version));
        long span = t - speaker.since;
        open.expected += span;
        if (speaker.playing) {
            open.played += span;
        } else {
            open.shortfall.merge(speaker.why, span, Long::sum);
        }
        speaker.since = t;
    }

    /**
     * From {@code t} the loudspeaker should air {@code expected} (null: nothing); records whether it does (after the
     * director started or stopped it) and closes the occurrences over by then.
     */
    public void expect(LoudspeakerModel model, Airing expected, long version, long t) {
        Speaker speaker = speakers.computeIfAbsent(model.index(), i -> new Speaker(model.id()));
        speaker.expected = expected;
        speaker.version = version;
        speaker.since = t;
        if (expected != null) {
            Airing playing = model.playing();
            speaker.playing = playing != null && playing.sameItem(expected);
            speaker.why = speaker.playing ? null : why(model);
        }
        Iterator<Open> it = speaker.open.values().iterator();
        while (it.hasNext()) {
            Open open = it.next();
            if (open.airing.scheduledEnd().toEpochMilli() <= t && (expected == null || !open.airing.sameItem(
                    expected))) {
                it.remove();
                write(speaker.id, open, false);
            }
        }
    }

    /** Writes every occurrence still open at the end of the run (cut there). */
    public void closeAll(long end) {
        for (Speaker speaker : speakers.values().stream().sorted(Comparator.comparing(s -> s.id))
                .toList()) {
            List<Open> open = new ArrayList<>(speaker.open.values());
            speaker.open.clear();
            for (Open occurrence : open) {
                write(speaker.id, occurrence, occurrence.airing.scheduledEnd().toEpochMilli() > end);
            }
        }
    }

    private static Shortfall why(LoudspeakerModel model) {
        if (!model.online()) {
            return model.powerLossReported() ? Shortfall.NO_POWER : Shortfall.OFFLINE;
        }
        if (model.playing() != null) {
            return Shortfall.OTHER_PROGRAM;
        }
        if (!model.ampOk() || model.hornsOk() == 0) {
            return Shortfall.AMPLIFIER_FAULT;
        }
        return Shortfall.NOT_PLAYED;
    }

    private void write(String device, Open open, boolean cut) {
        boolean missed = open.expected > 0 && open.played < MISS_BELOW * open.expected;
        Shortfall cause = null;
        long most = -1;
        Map<String, Long> shortfall = new LinkedHashMap<>();
        for (Map.Entry<Shortfall, Long> entry : open.shortfall.entrySet()) {
            shortfall.put(entry.getKey().wireName(), entry.getValue());
            if (entry.getValue() > most) {
                most = entry.getValue();
                cause = entry.getKey();
            }
        }
        Airing airing = open.airing;
        sink.accept(new TruthRecord.Slot(device, airing.itemId(), airing.bulletin(), airing.program(),
                airing.priority().wireName(), open.version, airing.scheduledStart().toEpochMilli(),
                airing.scheduledEnd().toEpochMilli(), open.expected, open.played, missed,
                missed ? cause.wireName() : null, shortfall, cut));
    }

    private static String key(Airing airing) {
        return (airing.bulletin() ? "b:" : "s:") + airing.itemId() + "@" + airing.scheduledStart().toEpochMilli();
    }
}
