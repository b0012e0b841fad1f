package vn.commune.telemetry.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The corpus of hostile and edge-case MQTT payloads ({@code testdata/hostile-payloads.jsonl}, a copy of
 * {@code shared/testdata}), with its placeholders expanded for a given instant and device.
 */
public final class HostileCorpus {

    /** What a case expects of the service. */
    public enum Expect { ACCEPT, REJECT, NO_CRASH }

    /**
     * One case, ready to send.
     *
     * @param name    short description
     * @param topic   topic with the device id filled in
     * @param payload payload bytes with placeholders replaced
     * @param expect  the expected outcome
     * @param reason  the expected rejection reason (upper case), or null
     * @param note    free text from the corpus, or null
     */
    public record Case(String name, String topic, byte[] payload, Expect expect, String reason, String note) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String RESOURCE = "/testdata/hostile-payloads.jsonl";
    private static final Pattern PLACEHOLDER = Pattern.compile("\"?\\{now(_s)?([+-]\\d+[dhm])?}(\\.\\d+)?\"?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostileCorpus() {
    }

    /** Every case of the corpus, for device {@code deviceId}, with {@code {now…}} taken as {@code nowMillis}. */
    public static List<Case> load(String deviceId, long nowMillis) {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = HostileCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    cases.add(parse(JSON.readTree(line), deviceId, nowMillis));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static Case parse(JsonNode node, String deviceId, long nowMillis) {
        String topic = node.get("topic").asText().replace("{dev}", deviceId);
        byte[] payload;
        if (node.hasNonNull("payload_b64")) {
            byte[] raw = Base64.getDecoder().decode(node.get("payload_b64").asText());
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            payload = expand(text, nowMillis).getBytes(StandardCharsets.ISO_8859_1);
        } else {
            payload = expand(node.get("payload").asText(), nowMillis).getBytes(StandardCharsets.UTF_8);
        }
        Expect expect = Expect.valueOf(node.get("expect").asText().toUpperCase().replace('-', '_'));
        String reason = node.hasNonNull("reason") ? node.get("reason").asText() : null;
        String note = node.hasNonNull("note") ? node.get("note").asText() : null;
        return new Case(node.get("name").asText(), topic, payload, expect, reason, note);
    }

    /** Replaces {@code {now}}, {@code {now_s}} and {@code {now±Nd|h|m}}, quoted or not, by their numbers. */
    static String expand(String text, long nowMillis) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            long value = nowMillis;
            if (m.group(2) != null) {
                value += offset(m.group(2)).toMillis();
            }
            if (m.group(1) != null) {
                value = value / 1000;
            }
            String fraction = m.group(3) == null ? "" : m.group(3);
            m.appendReplacement(out, value + fraction);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Duration offset(String spec) {
        long amount = Long.parseLong(spec.substring(0, spec.length() - 1));
        return switch (spec.charAt(spec.length() - 1)) {
            case 'd' -> Duration.ofDays(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofMinutes(amount);
        };
    }
}
