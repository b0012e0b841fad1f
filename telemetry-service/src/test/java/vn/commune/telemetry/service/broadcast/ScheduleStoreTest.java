package vn.commune.telemetry.service.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.protocol.schedule.Priority;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.PointSink;
import vn.commune.telemetry.service.storage.StorageConfig;
import vn.commune.telemetry.service.storage.WriteOutcome;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * Schedule versions and the emergency log kept in a real InfluxDB: drafts, approval, effective dates, history,
 * issues and cancellations, and the same after a reload.
 */
@ExtendWith(TestServersExtension.class)
class ScheduleStoreTest {

    private static final Set<DayOfWeek> DAILY = Set.of(DayOfWeek.values());
    private final Vertx vertx = Vertx.vertx();

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static Slot slot(String id, String start, String end, String program) {
        return Slot.weekly(id, DAILY, LocalTime.parse(start), LocalTime.parse(end), false, program, Priority.NORMAL);
    }

    private InfluxHttpClient client(InfluxDb influx, String name) throws Exception {
        InfluxHttpClient client = new InfluxHttpClient(vertx, StorageConfig.defaults(influx.url(),
                influx.uniqueDatabaseName(name), dir));
        await(client.ensureDatabase());
        return client;
    }

    private static PointSink sink(InfluxHttpClient client) {
        return lines -> client.write(Buffer.buffer(String.join("\n", lines))).compose(outcome ->
                outcome.kind() == WriteOutcome.Kind.OK ? Future.succeededFuture()
                        : Future.failedFuture(outcome.detail()));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.await(30, TimeUnit.SECONDS);
    }

    /** Verifies the approval flow: drafts are versions, only the newest draft can be approved, all is kept. */
    @Test
    void draftsApprovalAndHistory(InfluxDb influx) throws Exception {
        InfluxHttpClient client = client(influx, "schedules");
        PointSink sink = sink(client);
        ScheduleStore store = new ScheduleStore(client, sink);
        await(store.refresh());
        long now = System.currentTimeMillis();

        // Given an official's first draft and a second one
        ScheduleStore.Version first = await(store.saveDraft("gia-phu", List.of(slot("sang", "06:00", "06:30",
                "Bản tin sáng")), "can-bo-xa", now));
        ScheduleStore.Version second = await(store.saveDraft("gia-phu", List.of(slot("sang", "06:00", "06:45",
                "Bản tin sáng"), slot("chieu", "17:00", "17:30", "Bản tin chiều")), "can-bo-xa", now));
        assertThat(first.number()).isEqualTo(1);
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.summary()).isEqualTo("added chieu; changed sang");
        assertThat(store.approved("gia-phu")).as("a draft is not in force").isEmpty();

        // When the approver approves the older draft, Then it is refused; the newest is approved
        assertThatThrownBy(() -> await(store.approve("gia-phu", 1, "chu-tich", now + 1000, null)))
                .isInstanceOf(ScheduleStore.Conflict.class).hasMessageContaining("not the newest (2 is)");
        ScheduleStore.Version approved = await(store.approve("gia-phu", 2, "chu-tich", now + 1000, null));
        assertThat(approved.approved()).isTrue();
        assertThat(store.approved("gia-phu")).contains(approved);
        assertThatThrownBy(() -> await(store.approve("gia-phu", 2, "chu-tich", now + 2000, null)))
                .isInstanceOf(ScheduleStore.Conflict.class).hasMessageContaining("approved already");

        // And after a reload from storage alone, the same versions, approval and history
        ScheduleStore reloaded = new ScheduleStore(client, sink);
        await(reloaded.refresh());
        assertThat(reloaded.history("gia-phu")).containsExactly(approved, first);
        assertThat(reloaded.approved("gia-phu")).contains(approved);
        assertThat(reloaded.communes()).containsOnly("gia-phu");
        assertThat(reloaded.inForce("gia-phu", now + 999)).as("in force from its approval").isEmpty();
        assertThat(reloaded.inForce("gia-phu", now + 1000)).contains(approved);
    }

    /**
     * Verifies effective dates: a version dated back is in force from its date, a newer one dated ahead takes over
     * on its date, and the stretches of a period name the version in force in each.
     */
    @Test
    void effectiveDates(InfluxDb influx) throws Exception {
        InfluxHttpClient client = client(influx, "effective");
        PointSink sink = sink(client);
        ScheduleStore store = new ScheduleStore(client, sink);
        await(store.refresh());
        long day = 86_400_000L;
        long now = 1_796_000_000_000L;

        await(store.saveDraft("gia-phu", List.of(slot("sang", "06:00", "06:30", "A")), "can-bo", now));
        ScheduleStore.Version one = await(store.approve("gia-phu", 1, "chu-tich", now, now - 7 * day));
        await(store.saveDraft("gia-phu", List.of(slot("sang", "06:00", "06:45", "B")), "can-bo", now + 1));
        ScheduleStore.Version two = await(store.approve("gia-phu", 2, "chu-tich", now + 2, now + 3 * day));

        ScheduleStore reloaded = new ScheduleStore(client, sink);
        await(reloaded.refresh());
        assertThat(reloaded.inForce("gia-phu", now - 8 * day)).isEmpty();
        assertThat(reloaded.inForce("gia-phu", now)).contains(one);
        assertThat(reloaded.inForce("gia-phu", now + 3 * day)).contains(two);
        assertThat(reloaded.inForce("gia-phu", now - 10 * day, now + 10 * day)).containsExactly(
                new ScheduleStore.InForce(one, now - 7 * day, now + 3 * day),
                new ScheduleStore.InForce(two, now + 3 * day, now + 10 * day));
    }

    /** Verifies the emergency log: an issue in two communes, its cancellation, and the same after a reload. */
    @Test
    void emergencyLog(InfluxDb influx) throws Exception {
        InfluxHttpClient client = client(influx, "emergencies");
        EmergencyStore store = new EmergencyStore(client, sink(client));
        await(store.refresh());
        long t = 1_796_000_000_000L;
        Emergency a = new Emergency("em-" + t, "gia-phu", List.of("gia-phu-thon-1"), List.of("ls-1"), "Lũ quét",
                t, t + 1_800_000, "api-token", null, null);
        Emergency b = new Emergency("em-" + t, "pho-lu", List.of(), List.of("ls-2", "ls-3"), "Lũ quét", t,
                t + 1_800_000, "api-token", null, null);

        await(store.issue(List.of(a, b)));
        List<Emergency> cancelled = await(store.cancel("em-" + t, "chu-tich", t + 600_000));

        assertThat(cancelled).allSatisfy(e -> assertThat(e.effectiveEnd()).isEqualTo(t + 600_000));
        EmergencyStore reloaded = new EmergencyStore(client, sink(client));
        await(reloaded.refresh());
        assertThat(reloaded.byId("em-" + t)).containsExactlyInAnyOrderElementsOf(cancelled);
        assertThat(reloaded.ofCommune("gia-phu")).singleElement()
                .satisfies(e -> assertThat(e.villages()).containsExactly("gia-phu-thon-1"))
                .satisfies(e -> assertThat(e.cancelledBy()).isEqualTo("chu-tich"))
                .satisfies(e -> assertThat(e.activeAt(t + 600_000)).isFalse())
                .satisfies(e -> assertThat(e.activeAt(t + 599_999)).isTrue());
        assertThat(await(reloaded.cancel("em-" + t, "chu-tich", t + 700_000))).as("cancelling twice changes nothing")
                .containsExactlyInAnyOrderElementsOf(cancelled);
    }

    /** Verifies the words of a version's summary. */
    @Test
    void summaries() {
        Slot a = slot("a", "06:00", "06:30", "x");
        Slot b = slot("b", "07:00", "07:30", "y");
        assertThat(ScheduleStore.summary(List.of(), List.of(a, b))).isEqualTo("added a, b");
        assertThat(ScheduleStore.summary(List.of(a, b), List.of(a, b))).isEqualTo("no change");
        assertThat(ScheduleStore.summary(List.of(a, b), List.of(slot("a", "06:00", "06:30", "z"))))
                .isEqualTo("changed a; removed b");
    }
}
