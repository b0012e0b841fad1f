package vn.commune.telemetry.service.broadcast;

import io.vertx.core.Future;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.schedule.Priority;

/**
 * The schedule a demo or a pilot starts with ({@code broadcast.sample-schedules: true}): every commune without a
 * schedule gets one, drafted and approved by {@value #AUTHOR}, in force from start-up, or from {@code
 * broadcast.sample-back} before it (so that a simulated week in the past follows it too). It is what a commune
 * broadcasts in a typical week: the morning and evening bulletins, short news on the hour through the day, a weekend
 * programme across midnight, a vaccination notice of priority and a flood warning (an emergency interrupting the
 * evening bulletin) on two dates of the week.
 */
public final class SampleSchedules {

    /** Who drafts and approves the samples. */
    public static final String AUTHOR = "sample";
    private static final Logger LOG = LoggerFactory.getLogger(SampleSchedules.class);
    private static final Set<DayOfWeek> DAILY = EnumSet.allOf(DayOfWeek.class);

    private SampleSchedules() {
    }

    /** The sample's slots; the one-off ones on {@code first} + 2 and + 4 days. */
    public static List<Slot> slots(LocalDate first) {
        List<Slot> slots = new ArrayList<>();
        slots.add(Slot.weekly("sang", DAILY, LocalTime.of(5, 30), LocalTime.of(6, 0), false, "Bản tin sáng",
                Priority.NORMAL));
        for (int hour = 7; hour <= 22; hour++) {
            if (hour != 17) {
                slots.add(Slot.weekly(String.format("tin-%02dh", hour), DAILY, LocalTime.of(hour, 0),
                        LocalTime.of(hour, 10), false, "Tin tức " + hour + " giờ", Priority.NORMAL));
            }
        }
        slots.add(Slot.weekly("chieu", DAILY, LocalTime.of(17, 0), LocalTime.of(17, 30), false, "Bản tin chiều",
                Priority.NORMAL));
        slots.add(Slot.weekly("van-nghe", EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(23, 30), LocalTime.of(0, 30),
                true, "Văn nghệ cuối tuần", Priority.NORMAL));
        slots.add(Slot.oneOff("tiem-chung", first.plusDays(2), LocalTime.of(11, 30), LocalTime.of(11, 45), false,
                "Thông báo lịch tiêm chủng", Priority.PRIORITY));
        slots.add(Slot.oneOff("canh-bao-lu", first.plusDays(4), LocalTime.of(17, 10), LocalTime.of(17, 20), false,
                "Cảnh báo lũ quét", Priority.EMERGENCY));
        return slots;
    }

    /**
     * Gives every commune of the inventory without a schedule the sample, approved, in force from {@code back} before
     * {@code now}; completes when all are stored.
     */
    public static Future<Void> seed(ScheduleStore store, ScheduleRules rules, Inventory inventory, long now,
            Duration back) {
        long from = now - back.toMillis();
        LocalDate first = Instant.ofEpochMilli(from).atZone(Schedule.ZONE).toLocalDate();
        List<Future<?>> saved = new ArrayList<>();
        int count = 0;
        for (Place commune : inventory.placesAtLevel(inventory.communeLevel())) {
            if (store.latest(commune.id()).isPresent()) {
                continue;
            }
            List<Slot> slots = slots(first);
            List<ScheduleRules.Problem> problems = rules.check(new Schedule(commune.id(), slots), inventory);
            if (!problems.isEmpty()) {
                return Future.failedFuture(new IllegalStateException("the sample schedule breaks a rule: "
                        + problems));
            }
            saved.add(store.saveDraft(commune.id(), slots, AUTHOR, now)
                    .compose(draft -> store.approve(commune.id(), draft.number(), AUTHOR, now, from)));
            count++;
        }
        int seeded = count;
        return Future.all(saved).onSuccess(v -> {
            if (seeded > 0) {
                LOG.info("Broadcast: the sample schedule approved for {} {}s (broadcast.sample-schedules)", seeded,
                        inventory.communeLevel());
            }
        }).mapEmpty();
    }
}
