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

/** Schedule versions kept in a real InfluxDB: drafts, approval, history, and the same after a reload. */
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

    private static <T> T await(Future<T> future) throws Exception {
        return future.await(30, TimeUnit.SECONDS);
    }

    /** Verifies the approval flow: drafts are versions, only the newest draft can be approved, all is kept. */
    @Test
    void draftsApprovalAndHistory(InfluxDb influx) throws Exception {
        InfluxHttpClient client = new InfluxHttpClient(vertx, StorageConfig.defaults(influx.url(),
                influx.uniqueDatabaseName("schedules"), dir));
        await(client.ensureDatabase());
        PointSink sink = lines -> client.write(Buffer.buffer(String.join("\n", lines))).compose(outcome ->
                outcome.kind() == WriteOutcome.Kind.OK ? Future.succeededFuture()
                        : Future.failedFuture(outcome.detail()));
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
        assertThatThrownBy(() -> await(store.approve("gia-phu", 1, "chu-tich", now + 1000)))
                .isInstanceOf(ScheduleStore.Conflict.class).hasMessageContaining("not the newest (2 is)");
        ScheduleStore.Version approved = await(store.approve("gia-phu", 2, "chu-tich", now + 1000));
        assertThat(approved.approved()).isTrue();
        assertThat(store.approved("gia-phu")).contains(approved);
        assertThatThrownBy(() -> await(store.approve("gia-phu", 2, "chu-tich", now + 2000)))
                .isInstanceOf(ScheduleStore.Conflict.class).hasMessageContaining("approved already");

        // And after a reload from storage alone, the same versions, approval and history
        ScheduleStore reloaded = new ScheduleStore(client, sink);
        await(reloaded.refresh());
        assertThat(reloaded.history("gia-phu")).containsExactly(approved, first);
        assertThat(reloaded.approved("gia-phu")).contains(approved);
        assertThat(reloaded.allApproved()).containsOnlyKeys("gia-phu");
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
