package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading InfluxDB's answers to several statements, and writing values into InfluxQL. */
class QueryRowsTest {

    private static final JsonObject ANSWER = new JsonObject("""
            {"results":[
              {"statement_id":0,"series":[
                {"name":"status","tags":{"device":"ls-1"},"columns":["time","v"],"values":[[1000,1],[2000,1]]},
                {"name":"status","tags":{"device":"ls-2"},"columns":["time","v"],"values":[[1500,1]]}]},
              {"statement_id":1,"error":"max-select-point limit exceeded"},
              {"statement_id":2}
            ]}""");

    /** Verifies that each row carries its series' tags and columns. */
    @Test
    void rowsCarryTheirSeriesTags() {
        List<JsonObject> rows = QueryRows.of(ANSWER, 0);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getString("device")).isEqualTo("ls-1");
        assertThat(rows.get(2).getString("device")).isEqualTo("ls-2");
        assertThat(rows.get(2).getLong("time")).isEqualTo(1500L);
        assertThat(QueryRows.of(ANSWER, 2)).isEmpty();
    }

    /** Verifies that a statement answered with an error fails rather than passing for an empty result. */
    @Test
    void statementErrorIsNotAnEmptyAnswer() {
        assertThatThrownBy(() -> QueryRows.of(ANSWER, 1)).isInstanceOf(InfluxQueryException.class)
                .hasMessageContaining("max-select-point");
    }

    /** Verifies that values cannot leave their literal or identifier. */
    @Test
    void valuesStayInsideTheirQuotes() {
        assertThat(QueryRows.literal("a' OR 'x'='x")).isEqualTo("'a\\' OR \\'x\\'=\\'x'");
        assertThat(QueryRows.identifier("vil\"lage")).isEqualTo("\"vil\\\"lage\"");
        assertThat(QueryRows.anyOf("device", List.of("a", "b"))).isEqualTo("(\"device\" = 'a' OR \"device\" = 'b')");
    }
}
