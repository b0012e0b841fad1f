package vn.commune.telemetry.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into plain nodes that remember their line, so that every later check can say where the
 * problem is. Anchors and aliases are refused (no alias bombs, no shared subtrees), duplicate keys are an error, and
 * the document may be at most {@link #MAX_CHARS} characters long and {@link #MAX_DEPTH} levels deep.
 */
public final class YamlTree {

    /** Longest document accepted, in characters (50 MiB). */
    static final int MAX_CHARS = 50 * 1024 * 1024;

    /** Deepest nesting of mappings and sequences accepted. */
    static final int MAX_DEPTH = 64;

    private static final YAMLFactory FACTORY = createFactory();

    /** A node of the document. */
    public sealed interface Node permits MapNode, ListNode, ScalarNode {

        /** The 1-based line the node starts on. */
        int line();
    }

    /** A key of a mapping with the line it stands on. */
    public record Entry(String key, int keyLine, Node value) {
    }

    /** A mapping, keys in document order. */
    public record MapNode(int line, Map<String, Entry> entries) implements Node {
    }

    /** A sequence. */
    public record ListNode(int line, List<Node> items) implements Node {
    }

    /**
     * A scalar: its token kind, its text as written, and its value when it is a number.
     */
    public record ScalarNode(int line, JsonToken token, String text, Number number) implements Node {

        public boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        public boolean isNumber() {
            return number != null;
        }
    }

    private YamlTree() {
    }

    private static YAMLFactory createFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowDuplicateKeys(true);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .build();
        factory.setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxDocumentLength(MAX_CHARS)
                .maxStringLength(1024 * 1024)
                .maxNumberLength(100)
                .build());
        return factory;
    }

    /** Parses an inventory document; the root must be a mapping. */
    static MapNode parse(Reader reader, String source) throws InventoryException {
        return parse(reader, source, "version, levels, places, devices");
    }

    /**
     * Parses a YAML document whose root must be a mapping (of {@code keys}, named in the error when it is not); every
     * problem is an {@link InventoryException} with the file, line and path. Used for other configuration files too.
     */
    public static MapNode parse(Reader reader, String source, String keys) throws InventoryException {
        try (JsonParser parser = FACTORY.createParser(new LimitedReader(reader, MAX_CHARS))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InventoryException(source, 0, "", "the file is empty");
            }
            Node root = new YamlTree.Walker(parser, source).value(first);
            JsonToken next = parser.nextToken();
            if (next != null) {
                throw new InventoryException(source, parser.currentTokenLocation().getLineNr(), "",
                        "only one YAML document is allowed");
            }
            if (!(root instanceof MapNode map)) {
                throw new InventoryException(source, root.line(), "", "the document must be a mapping"
                        + " (" + keys + ")");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw syntaxError(source, e);
        } catch (IOException e) {
            if (findTooLarge(e) != null) {
                throw new InventoryException(source, 0, "", "the file is larger than " + MAX_CHARS
                        + " characters", e);
            }
            throw new InventoryException(source, 0, "", "cannot read: " + e.getMessage(), e);
        }
    }

    private static InventoryException syntaxError(String source, JsonProcessingException e) {
        if (findTooLarge(e) != null) {
            return new InventoryException(source, 0, "", "the file is larger than " + MAX_CHARS + " characters", e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                return new InventoryException(source, marked.getProblemMark().getLine() + 1, "",
                        "invalid YAML: " + marked.getProblem(), e);
            }
        }
        String message = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
        int newline = message.indexOf('\n');
        String firstLine = newline < 0 ? message : message.substring(0, newline);
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return new InventoryException(source, line, "", "invalid YAML: " + firstLine.strip(), e);
    }

    private static Throwable findTooLarge(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof LimitedReader.TooLargeException) {
                return cause;
            }
            if (cause.getMessage() != null && cause.getMessage().contains("exceeds the limit")) {
                return cause;
            }
        }
        return null;
    }

    /** Walks the token stream of one document, building nodes. */
    private static final class Walker {

        private final JsonParser parser;
        private final String source;

        Walker(JsonParser parser, String source) {
            this.parser = parser;
            this.source = source;
        }

        Node value(JsonToken token) throws IOException, InventoryException {
            int line = parser.currentTokenLocation().getLineNr();
            refuseAnchorsAndAliases(line);
            if (token == JsonToken.START_OBJECT) {
                return mapping(line);
            }
            if (token == JsonToken.START_ARRAY) {
                return sequence(line);
            }
            Number number = token.isNumeric() ? parser.getNumberValue() : null;
            return new ScalarNode(line, token, parser.getText(), number);
        }

        private MapNode mapping(int line) throws IOException, InventoryException {
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String key = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                Entry earlier = entries.get(key);
                if (earlier != null) {
                    throw new InventoryException(source, keyLine, "", "key '" + key + "' appears twice in one"
                            + " mapping (first at line " + earlier.keyLine() + ")");
                }
                Node value = value(parser.nextToken());
                entries.put(key, new Entry(key, keyLine, value));
            }
            return new MapNode(line, Collections.unmodifiableMap(entries));
        }

        private ListNode sequence(int line) throws IOException, InventoryException {
            List<Node> items = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                items.add(value(token));
            }
            return new ListNode(line, Collections.unmodifiableList(items));
        }

        private void refuseAnchorsAndAliases(int line) throws IOException, InventoryException {
            if (parser instanceof YAMLParser yaml) {
                if (yaml.isCurrentAlias()) {
                    throw new InventoryException(source, line, "", "YAML aliases (*" + parser.getText()
                            + ") are not allowed in an inventory");
                }
                String anchor = yaml.getObjectId();
                if (anchor != null) {
                    throw new InventoryException(source, line, "", "YAML anchors (&" + anchor
                            + ") are not allowed in an inventory");
                }
            }
        }
    }
}
