package vn.commune.telemetry.service.broadcast;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.protocol.schedule.Priority;

/**
 * What makes a schedule valid. Every problem is found, not just the first, each named by the slot it concerns, so
 * that an official can correct a draft in one go:
 * <ul>
 *   <li>the commune is a place of the inventory, at its commune level ({@link Inventory#communeLevel()});</li>
 *   <li>a slot ends after it starts, within 24 hours (across midnight only when it says so);</li>
 *   <li>a slot has an id by the device-id rule, unique in the schedule;</li>
 *   <li>a weekly slot names at least one day; a programme is named (at most {@value #MAX_PROGRAM} characters);</li>
 *   <li>no two slots overlap (an emergency interrupts whatever plays, so it overlaps nothing); a one-off slot on a
 *       day with weekly slots may fill a gap, not cover one;</li>
 *   <li>an emergency lasts at most the configured maximum.</li>
 * </ul>
 */
public final class ScheduleRules {

    /** How the ids of emergency broadcasts start; no slot id may. */
    public static final String EMERGENCY_PREFIX = "em-";
    /** Longest programme title (the wire's limit). */
    public static final int MAX_PROGRAM = 256;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /** A Monday, from which a week of weekly slots is laid out (any would do: no daylight saving in Vietnam). */
    private static final LocalDate REFERENCE_MONDAY = LocalDate.of(2024, 1, 1);

    /**
     * A problem of a schedule.
     *
     * @param path    where: {@code commune}, or {@code slots[i]}
     * @param message what is wrong, in words an official can act on
     */
    public record Problem(String path, String message) {
    }

    private final Duration emergencyMax;

    public ScheduleRules(Duration emergencyMax) {
        this.emergencyMax = emergencyMax;
    }

    /** The longest an emergency may last. */
    public Duration emergencyMax() {
        return emergencyMax;
    }

    /** Every problem of {@code schedule} against {@code inventory}; empty when it is valid. */
    public List<Problem> check(Schedule schedule, Inventory inventory) {
        List<Problem> problems = new ArrayList<>();
        Optional<Place> commune = inventory.place(schedule.communeId());
        if (commune.isEmpty()) {
            problems.add(new Problem("commune", "no place '" + schedule.communeId() + "' in the inventory"));
        } else if (!commune.get().level().equals(inventory.communeLevel())) {
            problems.add(new Problem("commune", "'" + schedule.communeId() + "' is a " + commune.get().level()
                    + ", and schedules are kept per " + inventory.communeLevel()));
        }
        List<Slot> slots = schedule.slots();
        boolean[] shapeOk = new boolean[slots.size()];
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            if (!Topics.isValidDeviceId(slot.id())) {
                problems.add(new Problem("slots[" + i + "]", "id '" + slot.id() + "': 1 to 64 of A-Z a-z 0-9 _ -, "
                        + "starting with a letter or digit"));
            } else if (slot.id().startsWith(EMERGENCY_PREFIX)) {
                problems.add(new Problem("slots[" + i + "]", "id '" + slot.id() + "': ids starting with '"
                        + EMERGENCY_PREFIX + "' are kept for emergency broadcasts"));
            } else if (!ids.add(slot.id())) {
                problems.add(new Problem("slots[" + i + "]", "id '" + slot.id() + "' is used by another slot"));
            }
            shapeOk[i] = checkSlot(slot, "slots[" + i + "]", problems);
        }
        for (int i = 0; i < slots.size(); i++) {
            for (int j = i + 1; j < slots.size(); j++) {
                if (shapeOk[i] && shapeOk[j]) {
                    overlap(slots, i, j, problems);
                }
            }
        }
        return problems;
    }

    /** An emergency of {@code length}: empty, or why it cannot be issued. */
    public List<Problem> checkEmergency(Duration length) {
        if (length.isZero() || length.isNegative()) {
            return List.of(new Problem("duration", "an emergency lasts more than 0 seconds"));
        }
        if (length.compareTo(emergencyMax) > 0) {
            return List.of(new Problem("duration", "an emergency lasts at most " + minutes(emergencyMax)
                    + " (this one: " + minutes(length) + ")"));
        }
        return List.of();
    }

    private boolean checkSlot(Slot slot, String path, List<Problem> problems) {
        boolean ok = true;
        if (slot.program().isBlank()) {
            problems.add(new Problem(path, "the programme is missing"));
        } else if (slot.program().length() > MAX_PROGRAM) {
            problems.add(new Problem(path, "the programme's title is longer than " + MAX_PROGRAM + " characters"));
        }
        String times = TIME.format(slot.start()) + "–" + TIME.format(slot.end());
        if (!slot.nextDay() && !slot.end().isAfter(slot.start())) {
            problems.add(new Problem(path, slot.end().equals(slot.start())
                    ? "it starts and ends at " + TIME.format(slot.start()) + ": it lasts no time"
                    : "it ends (" + TIME.format(slot.end()) + ") before it starts (" + TIME.format(slot.start())
                            + "); a slot across midnight must say that it ends the next day"));
            ok = false;
        } else if (slot.nextDay() && !slot.end().isBefore(slot.start())) {
            problems.add(new Problem(path, times + " ending the next day would last 24 hours or more"));
            ok = false;
        }
        if (ok && slot.priority() == Priority.EMERGENCY && slot.length().compareTo(emergencyMax) > 0) {
            problems.add(new Problem(path, "an emergency lasts at most " + minutes(emergencyMax) + " (this one: "
                    + minutes(slot.length()) + ")"));
        }
        return ok;
    }

    private static void overlap(List<Slot> slots, int i, int j, List<Problem> problems) {
        Slot a = slots.get(i);
        Slot b = slots.get(j);
        if (a.priority() == Priority.EMERGENCY || b.priority() == Priority.EMERGENCY) {
            return;
        }
        for (LocalDateTime[] x : layOut(a, b)) {
            for (LocalDateTime[] y : layOut(b, a)) {
                if (x[0].isBefore(y[1]) && y[0].isBefore(x[1])) {
                    LocalDateTime from = x[0].isAfter(y[0]) ? x[0] : y[0];
                    LocalDateTime to = x[1].isBefore(y[1]) ? x[1] : y[1];
                    problems.add(new Problem("slots[" + j + "]", "overlaps slots[" + i + "] on " + when(a, b, from)
                            + " from " + TIME.format(from) + " to " + TIME.format(to)));
                    return;
                }
            }
        }
    }

    /**
     * The occurrences of {@code slot} to compare with {@code other}'s: a one-off slot on its date; a weekly slot on
     * its days around the other's date (the day before too, for slots across midnight), or over two reference weeks
     * when both are weekly (so that Sunday night's slot meets Monday morning's).
     */
    private static List<LocalDateTime[]> layOut(Slot slot, Slot other) {
        List<LocalDateTime[]> out = new ArrayList<>();
        if (!slot.isWeekly()) {
            out.add(slot.on(slot.date()));
            return out;
        }
        LocalDate first;
        int days;
        if (other.isWeekly()) {
            first = REFERENCE_MONDAY;
            days = 14;
        } else {
            first = other.date().minusDays(1);
            days = 3;
        }
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            if (slot.days().contains(day.getDayOfWeek())) {
                out.add(slot.on(day));
            }
        }
        return out;
    }

    /** The day an overlap is on, in the words of the slots concerned: a weekday for weekly ones, else a date. */
    private static String when(Slot a, Slot b, LocalDateTime at) {
        if (a.isWeekly() && b.isWeekly()) {
            return dayName(at.getDayOfWeek());
        }
        return DATE.format(at);
    }

    private static String dayName(DayOfWeek day) {
        return day.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
    }

    private static String minutes(Duration length) {
        return length.toMinutes() + " min";
    }
}
