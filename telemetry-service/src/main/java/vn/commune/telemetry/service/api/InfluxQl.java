package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Building InfluxQL from values safely, and reading its JSON answers. */
public final class InfluxQl {

    private InfluxQl() {
    }

    /** A string literal: quotes and backslashes escaped, so a value can never end the literal. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The rows of every series of the first result, each as an object keyed by column name (tags included). */
    public static List<JsonObject> rows(JsonObject answer) {
        List<JsonObject> rows = new ArrayList<>();
        JsonArray results = answer.getJsonArray("results", new JsonArray());
        if (results.isEmpty()) {
            return rows;
        }
        JsonObject result = results.getJsonObject(0);
        if (result.containsKey("error")) {
            throw new IllegalStateException("InfluxDB: " + result.getString("error"));
        }
        for (Object s : result.getJsonArray("series", new JsonArray())) {
            JsonObject series = (JsonObject) s;
            JsonArray columns = series.getJsonArray("columns");
            JsonObject seriesTags = series.getJsonObject("tags", new JsonObject());
            for (Object v : series.getJsonArray("values", new JsonArray())) {
                JsonArray values = (JsonArray) v;
                JsonObject row = seriesTags.copy();
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.getString(i), values.getValue(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
