package vn.commune.telemetry.service.storage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Reading InfluxDB's JSON answers (several statements per request) and writing InfluxQL values safely. */
public final class QueryRows {

    private QueryRows() {
    }

    /**
     * The rows of statement {@code index}'s result, every series, each row an object keyed by column name with the
     * series' tags (from {@code GROUP BY}) added.
     *
     * @throws InfluxQueryException when InfluxDB answered that statement with an error (a partial answer must not
     *                              pass for an empty one)
     */
    public static List<JsonObject> of(JsonObject answer, int index) {
        List<JsonObject> rows = new ArrayList<>();
        JsonArray results = answer.getJsonArray("results", new JsonArray());
        if (results.size() <= index) {
            return rows;
        }
        JsonObject result = results.getJsonObject(index);
        if (result.containsKey("error")) {
            throw new InfluxQueryException(200, "InfluxDB answered statement " + index + " with an error: "
                    + result.getString("error"));
        }
        for (Object s : result.getJsonArray("series", new JsonArray())) {
            JsonObject series = (JsonObject) s;
            JsonArray columns = series.getJsonArray("columns");
            JsonObject tags = series.getJsonObject("tags", new JsonObject());
            for (Object v : series.getJsonArray("values", new JsonArray())) {
                JsonArray values = (JsonArray) v;
                JsonObject row = tags.copy();
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.getString(i), values.getValue(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * A string literal: backslashes, quotes and line breaks escaped, so a value can never end the literal (nor break
     * the statement: InfluxQL has no line break inside a string). The one way a value enters a query.
     */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    /** A quoted identifier (tag key, measurement): the one way a name enters a query. */
    public static String identifier(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** An instant as an InfluxQL time literal. */
    public static String time(long epochMillis) {
        return epochMillis + "ms";
    }

    /** {@code (tag = 'a' OR tag = 'b' …)}. */
    public static String anyOf(String tag, List<String> values) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : " OR ").append(identifier(tag)).append(" = ").append(literal(values.get(i)));
        }
        return text.append(')').toString();
    }
}
