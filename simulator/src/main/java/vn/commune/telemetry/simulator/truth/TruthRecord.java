package vn.commune.telemetry.simulator.truth;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * One line of the ground-truth file (JSON lines; format in the module README). Times are epoch milliseconds of
 * simulated time, intervals are {@code [from, to)}.
 */
public sealed interface TruthRecord permits TruthRecord.Header, TruthRecord.DeviceInfo, TruthRecord.State,
        TruthRecord.Playing, TruthRecord.Slot, TruthRecord.Fault, TruthRecord.End {

    /** The value of the line's {@code type} field. */
    String type();

    /**
     * The first line: how the run was made.
     *
     * @param v              format version, 1
     * @param seed           the seed
     * @param start          simulated start
     * @param end            planned simulated end, or null for an unbounded run (see {@link End})
     * @param speed          simulated seconds per wall second ({@link Double#POSITIVE_INFINITY}: unpaced)
     * @param connections    connection mode ({@code per-device} or {@code pooled:K})
     * @param faults         the fault plan's name
     * @param malformedRate  the plan's malformed-message rate
     * @param devices        number of devices
     * @param intervalMillis default status interval per kind wire name
     * @param wills          whether offline transitions use the MQTT Will (real-time, per-device runs) rather than an
     *                       {@code offline} state with {@code ts}
     */
    record Header(int v, long seed, long start, Long end, double speed, String connections, String faults,
            double malformedRate, int devices, Map<String, Long> intervalMillis, boolean wills)
            implements TruthRecord {

        /** Copies the map. */
        public Header {
            intervalMillis = Map.copyOf(intervalMillis);
        }

        @Override
        public String type() {
            return "header";
        }
    }

    /**
     * A device of the run, once per device after the header.
     *
     * @param device         device id
     * @param kind           kind
     * @param place          place id
     * @param commune        commune id, or null
     * @param power          {@code mains} or {@code solar}
     * @param intervalMillis its status interval
     * @param firstStatus    when it sends its first status if it is online at the start
     */
    record DeviceInfo(String device, DeviceKind kind, String place, String commune, String power,
            long intervalMillis, long firstStatus) implements TruthRecord {

        @Override
        public String type() {
            return "device";
        }
    }

    /**
     * An interval in which a device was online (reachable) or offline. A device's intervals follow each other
     * without gaps from the run's start to its end.
     *
     * @param device         device id
     * @param online         online or offline
     * @param from           start (inclusive)
     * @param to             end (exclusive)
     * @param causes         offline: every cause that acted during the interval ({@code link_flap}, {@code dead},
     *                       {@code power_cut} for an empty battery, {@code commune_outage}), sorted; online: empty
     * @param statuses       online: statuses it sent in the interval (true times {@code statusFirst + k *
     *                       intervalMillis}, k below this count); offline: 0
     * @param statusFirst    online: true time of the first of them, null when none
     * @param intervalMillis its status interval
     */
    record State(String device, boolean online, long from, long to, List<String> causes, long statuses,
            Long statusFirst, long intervalMillis) implements TruthRecord {

        /** Copies the list. */
        public State {
            causes = List.copyOf(causes);
        }

        @Override
        public String type() {
            return "state";
        }

        /** {@code to - from}. */
        public long millis() {
            return to - from;
        }
    }

    /**
     * An interval in which a loudspeaker really played (it was reachable, its amplifier and a horn worked).
     *
     * @param device          device id
     * @param program         the programme
     * @param slot            the slot's id, or null for a bulletin
     * @param bulletin        the bulletin's id, or null for a slot
     * @param priority        the item's priority wire name
     * @param scheduleVersion the version of the schedule it came from
     * @param from            start (inclusive)
     * @param to              end (exclusive)
     */
    record Playing(String device, String program, String slot, String bulletin, String priority,
            long scheduleVersion, long from, long to) implements TruthRecord {

        @Override
        public String type() {
            return "playing";
        }
    }

    /**
     * One slot occurrence (or bulletin) at one loudspeaker: how long it should have aired there (less what items of
     * higher rank took) and how long it did, and why not for the rest.
     *
     * @param device          the loudspeaker
     * @param item            the slot's or bulletin's id
     * @param bulletin        whether it is a bulletin
     * @param program         its programme
     * @param priority        its priority's wire name
     * @param scheduleVersion the version of the schedule it came from
     * @param scheduledFrom   its scheduled start
     * @param scheduledTo     its scheduled end
     * @param expectedMs      how long it should have aired at this loudspeaker
     * @param playedMs        how long it did
     * @param missed          played below {@code SlotLedger.MISS_BELOW} of expected
     * @param cause           the reason of most of the time not played, for a miss; else null
     * @param shortfallMs     the time not played by reason ({@code no_power}, {@code offline}, {@code amplifier_fault},
     *                        {@code other_program}, {@code not_played})
     * @param cut             whether the run ended before the occurrence did (the figures are up to the end)
     */
    record Slot(String device, String item, boolean bulletin, String program, String priority, long scheduleVersion,
            long scheduledFrom, long scheduledTo, long expectedMs, long playedMs, boolean missed, String cause,
            Map<String, Long> shortfallMs, boolean cut) implements TruthRecord {

        /** Copies the map. */
        public Slot {
            shortfallMs = Map.copyOf(shortfallMs);
        }

        @Override
        public String type() {
            return "slot";
        }
    }

    /**
     * A fault the simulator injected. Malformed messages are one record each with {@code from == to}.
     *
     * @param fault   the fault type's wire name
     * @param device  the device it hit, or null
     * @param place   the place it hit (power cuts of a place), or null
     * @param commune the commune it hit (commune outages), or null
     * @param from    start (inclusive)
     * @param to      end (exclusive), clipped to the run's end
     * @param details fault-specific values: {@code devices} (ids hit by a place's power cut), {@code skew_ms},
     *                {@code horns}, {@code rate}, {@code reason} and {@code topic} (malformed)
     */
    record Fault(String fault, String device, String place, String commune, long from, long to,
            Map<String, Object> details) implements TruthRecord {

        /** Checks the name and copies the details. */
        public Fault {
            Objects.requireNonNull(fault, "fault");
            details = Map.copyOf(details);
        }

        @Override
        public String type() {
            return "fault";
        }
    }

    /**
     * The last line: the run ended.
     *
     * @param end       simulated end
     * @param messages  messages the devices published (duplicates and malformed ones included)
     * @param malformed malformed or hostile messages among them
     */
    record End(long end, long messages, long malformed) implements TruthRecord {

        @Override
        public String type() {
            return "end";
        }
    }
}
