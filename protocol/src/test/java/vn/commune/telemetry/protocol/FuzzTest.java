package vn.commune.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.commune.telemetry.protocol.TestPayloads.NOW;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.testsupport.HostileCorpus;

/**
 * Throws random and mutated input at the decoder. Whatever comes in, decode returns a result (never throws, never a
 * codec defect), details stay short and printable, and whatever is accepted re-encodes to an equal message.
 */
class FuzzTest {

    private static final long SEED = 0xC0FFEEL;
    private static final byte[][] TOKENS = {"{".getBytes(StandardCharsets.UTF_8), "}".getBytes(StandardCharsets.UTF_8),
        "[".getBytes(StandardCharsets.UTF_8), "\"".getBytes(StandardCharsets.UTF_8),
        "\\".getBytes(StandardCharsets.UTF_8), ",".getBytes(StandardCharsets.UTF_8),
        ":".getBytes(StandardCharsets.UTF_8), "null".getBytes(StandardCharsets.UTF_8),
        "1e999".getBytes(StandardCharsets.UTF_8), "-0".getBytes(StandardCharsets.UTF_8),
        "\\ud800".getBytes(StandardCharsets.UTF_8), "ệ".getBytes(StandardCharsets.UTF_8),
        "📢".getBytes(StandardCharsets.UTF_8), {(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {0},
        {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "\"v\":1".getBytes(StandardCharsets.UTF_8),
        "\"kind\":\"camera\"".getBytes(StandardCharsets.UTF_8), "\"type\":\"reboot\"".getBytes(StandardCharsets.UTF_8),
        "\"state\":\"offline\"".getBytes(StandardCharsets.UTF_8),
        ("\"ts\":" + NOW).getBytes(StandardCharsets.UTF_8), "99999999999999999999".getBytes(StandardCharsets.UTF_8)};

    private final MessageCodec codec = new MessageCodec();
    private final Random random = new Random(SEED);

    /** Verifies that random bytes, random JSON-ish text and random topics never break the decoder. */
    @Test
    void randomInput() {
        for (int i = 0; i < 3_000; i++) {
            byte[] payload = i % 2 == 0 ? randomBytes(random.nextInt(300)) : randomJsonish(random.nextInt(200));
            String topic = i % 10 == 0 ? randomTopic() : Topics.telemetry("dev-" + i, Channel.values()[i % 3]);

            check(topic, payload);
        }
    }

    /** Verifies that mutations of the corpus and of valid payloads never break the decoder. */
    @Test
    void mutatedPayloads() {
        List<byte[]> seeds = new ArrayList<>();
        HostileCorpus.load("dev-1", NOW).forEach(c -> seeds.add(c.payload()));
        RandomMessages messages = new RandomMessages(SEED, NOW);
        for (int i = 0; i < 50; i++) {
            seeds.add(codec.encode(messages.next("dev-1")));
        }
        int accepted = 0;
        for (int i = 0; i < 6_000; i++) {
            byte[] payload = seeds.get(random.nextInt(seeds.size()));
            for (int m = 1 + random.nextInt(4); m > 0; m--) {
                payload = mutate(payload);
            }
            for (Channel channel : Channel.values()) {
                accepted += check(Topics.telemetry("dev-1", channel), payload) ? 1 : 0;
            }
        }
        assertThat(accepted).as("some mutants stay valid, so the accepting path is fuzzed too").isGreaterThan(100);
    }

    private boolean check(String topic, byte[] payload) {
        byte[] copy = payload.clone();
        DecodeResult result = codec.decode(topic, payload, NOW);

        assertThat(result).isNotNull();
        assertThat(payload).isEqualTo(copy);
        if (result instanceof DecodeResult.Rejected rejected) {
            assertThat(rejected.detail()).as("payload %s", Arrays.toString(payload))
                    .doesNotStartWith(MessageCodec.INTERNAL_ERROR).hasSizeLessThan(200);
            assertThat(rejected.detail().chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as(rejected.detail()).isTrue();
            return false;
        }
        Message message = ((DecodeResult.Accepted) result).message();
        DecodeResult again = codec.decode(topic, codec.encode(message), NOW);
        assertThat(again).isEqualTo(result);
        return true;
    }

    private byte[] mutate(byte[] payload) {
        if (payload.length == 0) {
            return TOKENS[random.nextInt(TOKENS.length)].clone();
        }
        int at = random.nextInt(payload.length);
        return switch (random.nextInt(7)) {
            case 0 -> {
                byte[] out = payload.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                yield out;
            }
            case 1 -> Arrays.copyOf(payload, at);
            case 2 -> splice(payload, at, Math.min(payload.length, at + 1 + random.nextInt(8)), new byte[0]);
            case 3 -> splice(payload, at, at, TOKENS[random.nextInt(TOKENS.length)]);
            case 4 -> splice(payload, at, Math.min(payload.length, at + 1), TOKENS[random.nextInt(TOKENS.length)]);
            case 5 -> splice(payload, at, at, Arrays.copyOfRange(payload, at, Math.min(payload.length, at + 30)));
            default -> splice(payload, at, at, randomBytes(1 + random.nextInt(4)));
        };
    }

    private static byte[] splice(byte[] payload, int from, int to, byte[] insert) {
        byte[] out = new byte[payload.length - (to - from) + insert.length];
        System.arraycopy(payload, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(payload, to, out, from + insert.length, payload.length - to);
        return out;
    }

    private byte[] randomBytes(int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    private byte[] randomJsonish(int tokens) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes("{".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < tokens; i++) {
            out.writeBytes(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return out.toByteArray();
    }

    private String randomTopic() {
        String alphabet = "tele/+#abc.é \u0000-_STATUS";
        StringBuilder topic = new StringBuilder(random.nextBoolean() ? "tele/" : "");
        for (int i = random.nextInt(90); i > 0; i--) {
            topic.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return random.nextInt(20) == 0 ? null : topic.toString();
    }
}
