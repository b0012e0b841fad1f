package vn.commune.telemetry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServersExtension.class)
class TestServersTest {

    private final HttpClient http = HttpClient.newHttpClient();

    /** Verifies that InfluxDB keeps written points across a stop and start on the same port. */
    @Test
    void influxKeepsDataAcrossRestart(InfluxDb influx) throws Exception {
        String db = influx.uniqueDatabaseName("ts");
        influx.query(null, "CREATE DATABASE " + db);
        HttpResponse<String> write = http.send(HttpRequest.newBuilder(
                        URI.create(influx.url() + "/write?precision=ms&db=" + db))
                .POST(HttpRequest.BodyPublishers.ofString("m,t=a v=1i 1700000000000\nm,t=b v=2i 1700000000000"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(204);

        int port = influx.port();
        influx.stop();
        assertThat(influx.isRunning()).isFalse();
        influx.start();

        assertThat(influx.port()).isEqualTo(port);
        assertThat(influx.count(db, "SELECT count(v) FROM m")).isEqualTo(2);
    }

    /** Verifies that the broker accepts TCP connections and comes back after a stop on the same port. */
    @Test
    void brokerRestartsOnSamePort(MqttBroker broker) {
        assertThat(broker.url()).startsWith("tcp://127.0.0.1:");
        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        broker.start();
        assertThat(broker.isRunning()).isTrue();
    }

    /** Verifies that corpus placeholders become numbers, quotes included, and the device id is filled in. */
    @Test
    void corpusPlaceholdersExpand() {
        assertThat(HostileCorpus.expand("{\"ts\": \"{now}\"}", 1000)).isEqualTo("{\"ts\": 1000}");
        assertThat(HostileCorpus.expand("\"{now}.5\"", 1000)).isEqualTo("1000.5");
        assertThat(HostileCorpus.expand("\"{now_s}\"", 5000)).isEqualTo("5");
        assertThat(HostileCorpus.expand("\"{now-6d}\"", 6L * 86_400_000)).isEqualTo("0");
        assertThat(HostileCorpus.expand("\"{now+4m}\"", 0)).isEqualTo("240000");
        List<HostileCorpus.Case> cases = HostileCorpus.load("ls-x", 1_000_000);
        assertThat(cases).hasSizeGreaterThan(50);
        assertThat(cases).allSatisfy(c -> assertThat(new String(c.payload())).doesNotContain("{now"));
        assertThat(cases.get(0).topic()).isEqualTo("tele/ls-x/status");
    }
}
