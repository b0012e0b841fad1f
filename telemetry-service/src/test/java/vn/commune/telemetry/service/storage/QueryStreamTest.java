package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading InfluxDB's answers in one streaming pass, as the large reads of start-up do. */
class QueryStreamTest {

    private static List<QueryStream.Row> read(String answer) {
        List<QueryStream.Row> rows = new ArrayList<>();
        QueryStream.read(answer.getBytes(StandardCharsets.UTF_8), "SELECT …", rows::add);
        return rows;
    }

    /** Verifies that rows carry their statement, their series' tags and typed values, in the answer's order. */
    @Test
    void rowsCarryStatementTagsAndTypedValues() {
        List<QueryStream.Row> rows = read("""
                {"results":[
                  {"statement_id":0,"series":[
                    {"name":"transition","tags":{"device":"ls-1"},"columns":["time","cause","last_life"],
                     "values":[[1000,"status",null],[2000,"timeout",1500]]},
                    {"name":"transition","tags":{"device":"ls-2"},"columns":["time","cause","last_life"],
                     "values":[[1500,"online",null]]}]},
                  {"statement_id":1,"series":[
                    {"name":"state","tags":{"device":"ls-2"},"columns":["time","state","will","rsrp"],
                     "values":[[3000,"offline",true,-97.5],[4000,"online",false,18446744073709551616]]}]},
                  {"statement_id":2}
                ]}""");

        assertThat(rows).extracting(QueryStream.Row::statement).containsExactly(0, 0, 0, 1, 1);
        assertThat(rows).extracting(row -> row.tags().get("device")).containsExactly("ls-1", "ls-1", "ls-2", "ls-2", "ls-2");
        assertThat(rows).extracting(QueryStream.Row::time).containsExactly(1000L, 2000L, 1500L, 3000L, 4000L);
        assertThat(rows.get(0).value("last_life")).isNull();
        assertThat(rows.get(1).value("last_life")).isEqualTo(1500L);
        assertThat(rows.get(1).string("cause")).isEqualTo("timeout");
        assertThat(rows.get(3).value("will")).isEqualTo(Boolean.TRUE);
        assertThat(rows.get(3).value("rsrp")).isEqualTo(-97.5);
        assertThat(rows.get(3).value("no such column")).isNull();
        assertThat(rows.get(4).value("rsrp")).as("an integer beyond a long").isEqualTo(1.8446744073709552E19);
    }

    /** Verifies that a series whose values come before its tags and columns still reads right. */
    @Test
    void keysInAnyOrder() {
        List<QueryStream.Row> rows = read("""
                {"results":[{"series":[{"values":[[1000,"online"]],"columns":["time","cause"],
                  "tags":{"device":"cam-7"},"name":"transition"}],"statement_id":0}]}""");

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.string("device")).isEqualTo("cam-7");
            assertThat(row.string("cause")).isEqualTo("online");
            assertThat(row.time()).isEqualTo(1000L);
        });
    }

    /** Verifies that a statement answered with an error fails the whole read: a partial answer is not a whole one. */
    @Test
    void statementErrorFails() {
        assertThatThrownBy(() -> read("""
                {"results":[{"statement_id":0,"series":[]},
                  {"statement_id":1,"error":"max-select-point limit exceeded"}]}"""))
                .isInstanceOf(InfluxQueryException.class)
                .hasMessageContaining("statement 1")
                .hasMessageContaining("max-select-point limit exceeded");
        assertThatThrownBy(() -> read("{\"error\":\"database not found: x\"}"))
                .isInstanceOf(InfluxQueryException.class)
                .hasMessageContaining("database not found: x");
    }

    /** Verifies that what is not JSON, or not JSON of this shape, fails with a clear message. */
    @Test
    void notJsonFails() {
        assertThatThrownBy(() -> read("<html>502 Bad Gateway</html>"))
                .isInstanceOf(InfluxQueryException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> read("{\"results\":[{\"series\":[{\"values\":[[1000,\"on\"]"))
                .isInstanceOf(InfluxQueryException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> read("[1,2,3]"))
                .isInstanceOf(InfluxQueryException.class).hasMessageContaining("unexpected shape");
        assertThatThrownBy(() -> read("{\"results\":[{\"series\":[{\"columns\":[\"x\"],\"values\":[[1]]}]}]}")
                .get(0).time()).isInstanceOf(InfluxQueryException.class).hasMessageContaining("without a time");
    }

    /** Verifies that an empty body or an answer without series gives no rows. */
    @Test
    void emptyAnswers() {
        assertThat(read("")).isEmpty();
        assertThat(read("{\"results\":[{\"statement_id\":0}]}")).isEmpty();
    }
}
