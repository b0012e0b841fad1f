package vn.commune.telemetry.bench;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import vn.commune.telemetry.testsupport.InfluxDb;

/** InfluxDB alone: the same points, pre-encoded as line protocol, posted in batches with two requests in flight. */
final class InfluxBaseline {

    private InfluxBaseline() {
    }

    /** Points per second, first request to last answer. */
    static double run(InfluxDb influx, BenchFleet fleet, long points, int batchSize) throws Exception {
        String db = "bench_baseline";
        influx.query(null, "CREATE DATABASE " + db);
        long base = System.currentTimeMillis() - 3_600_000;
        List<byte[]> batches = new ArrayList<>();
        StringBuilder batch = new StringBuilder();
        int inBatch = 0;
        for (long i = 0; i < points; i++) {
            String device = fleet.device(i);
            String line = Point.measurement("status")
                    .addTag("device", device).addTag("kind", "loudspeaker").addTag("province", "bench-province")
                    .addTag("district", "bench-district").addTag("commune", "bench-commune-" + (i % fleet.size()) / 100)
                    .addTag("village", "village-" + (i % fleet.size()))
                    .addField("power", "mains").addField("battery_pct", 90 + i % 10).addField("temp_c", 30.5 + i % 7)
                    .addField("rssi_dbm", -70L).addField("rsrp_dbm", -95L).addField("uptime_s", i)
                    .addField("playing", i % 2 == 0).addField("program", "Bản tin sáng").addField("volume_pct", 80L)
                    .addField("amp_ok", true).addField("horns_ok", 4L).addField("horns_total", 4L).addField("v", 1L)
                    .time(base + i / fleet.size(), WritePrecision.MS).toLineProtocol();
            batch.append(line).append('\n');
            if (++inBatch == batchSize) {
                batches.add(batch.toString().getBytes(StandardCharsets.UTF_8));
                batch.setLength(0);
                inBatch = 0;
            }
        }
        if (inBatch > 0) {
            batches.add(batch.toString().getBytes(StandardCharsets.UTF_8));
        }
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(influx.url() + "/write?precision=ms&db=" + db);
        Semaphore inFlight = new Semaphore(2);
        List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (byte[] body : batches) {
            inFlight.acquire();
            all.add(http.sendAsync(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> inFlight.release()));
        }
        for (CompletableFuture<HttpResponse<Void>> f : all) {
            int status = f.get().statusCode();
            if (status != 204) {
                throw new IllegalStateException("InfluxDB answered " + status);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return points / seconds;
    }
}
