package vn.commune.telemetry.service.storage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads InfluxDB's JSON answer in one streaming pass, row by row, without building the document as a tree: for the
 * large reads of start-up recovery (tens of megabytes, hundreds of thousands of rows), where the tree took seconds
 * and most of the heap. The answer's shape is InfluxDB 1.x's: {@code results} in the order of the statements, each
 * with its {@code series} ({@code name}, {@code tags}, {@code columns}, {@code values}) or an {@code error}.
 */
public final class QueryStream {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /**
     * One row of the answer.
     *
     * @param statement the statement it answers (its index in the query)
     * @param tags      the series' tags (from {@code GROUP BY})
     * @param columns   the series' column names
     * @param values    the row's values, by column: Long, Double, String, Boolean or null
     */
    public record Row(int statement, Map<String, String> tags, List<String> columns, Object[] values) {

        /** The value of column {@code name}, or null. */
        public Object value(String name) {
            int i = columns.indexOf(name);
            return i < 0 || i >= values.length ? null : values[i];
        }

        /** The row's time (epoch milliseconds: queries ask with {@code epoch=ms}). */
        public long time() {
            if (value("time") instanceof Number time) {
                return time.longValue();
            }
            throw new InfluxQueryException(200, "InfluxDB answered a row without a time");
        }

        /** A string value or tag. */
        public String string(String name) {
            Object value = value(name);
            return value instanceof String text ? text : tags.get(name);
        }
    }

    private QueryStream() {
    }

    /**
     * Reads every row of the answer, in order, into {@code rows}.
     *
     * @param influxql the query, for messages
     * @throws InfluxQueryException when the answer is not JSON of that shape, or InfluxDB answered a statement with
     *                              an error (a partial answer must not pass for a whole one)
     */
    public static void read(byte[] answer, String influxql, Consumer<Row> rows) {
        if (answer.length == 0) {
            return;
        }
        try (JsonParser parser = JSON.createParser(answer)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, influxql);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("results".equals(key) && token == JsonToken.START_ARRAY) {
                    int statement = 0;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        result(parser, statement++, influxql, rows);
                    }
                } else if ("error".equals(key) && token == JsonToken.VALUE_STRING) {
                    throw new InfluxQueryException(200, "InfluxQL error in '" + influxql + "': " + parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new InfluxQueryException(200, "InfluxDB answered '" + InfluxAnswers.truncate(influxql)
                    + "' with something that is not JSON: " + e.getMessage());
        }
    }

    /** One statement's result (results come in the order of the statements); rows are given a series at a time. */
    private static void result(JsonParser parser, int statement, String influxql, Consumer<Row> rows)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (key) {
                case "error" -> throw new InfluxQueryException(200, "InfluxQL error in '"
                        + InfluxAnswers.truncate(influxql) + "' (statement " + statement + "): " + parser.getText());
                case "series" -> {
                    expect(token == JsonToken.START_ARRAY, influxql);
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        Series series = series(parser, influxql);
                        for (Object[] values : series.values) {
                            rows.accept(new Row(statement, series.tags, series.columns, values));
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
    }

    /** A series, buffered whole: its keys may come in any order (InfluxDB writes the tags and columns first). */
    private static final class Series {
        Map<String, String> tags = Map.of();
        List<String> columns = List.of();
        final List<Object[]> values = new ArrayList<>();
    }

    private static Series series(JsonParser parser, String influxql) throws IOException {
        Series series = new Series();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (key) {
                case "tags" -> {
                    expect(token == JsonToken.START_OBJECT, influxql);
                    Map<String, String> tags = new HashMap<>(4);
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String tag = parser.currentName();
                        parser.nextToken();
                        tags.put(tag, parser.getValueAsString());
                    }
                    series.tags = tags;
                }
                case "columns" -> {
                    expect(token == JsonToken.START_ARRAY, influxql);
                    List<String> columns = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        columns.add(parser.getValueAsString());
                    }
                    series.columns = List.copyOf(columns);
                }
                case "values" -> {
                    expect(token == JsonToken.START_ARRAY, influxql);
                    List<Object> row = new ArrayList<>(4);
                    while (parser.nextToken() == JsonToken.START_ARRAY) {
                        row.clear();
                        JsonToken value;
                        while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
                            row.add(value(parser, value));
                        }
                        series.values.add(row.toArray());
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return series;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? (Object) parser.getDoubleValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_STRING -> parser.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> {
                parser.skipChildren();
                yield null;
            }
        };
    }

    private static void expect(boolean shape, String influxql) {
        if (!shape) {
            throw new InfluxQueryException(200, "InfluxDB answered '" + InfluxAnswers.truncate(influxql)
                    + "' with JSON of an unexpected shape");
        }
    }
}
