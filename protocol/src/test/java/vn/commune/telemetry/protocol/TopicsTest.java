package vn.commune.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Verifies topic building and parsing. */
class TopicsTest {

    /** Verifies that the hand-written device-id check says what the rule's regular expression says, on 200,000 ids. */
    @Test
    void deviceIdCheckAgreesWithTheRule() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        String alphabet = "Aa0Zz9_-. /+#é\u0000\u1EA1";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder id = new StringBuilder();
            int length = random.nextInt(67);
            for (int i = 0; i < length; i++) {
                id.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            String candidate = id.toString();
            assertThat(Topics.isValidDeviceId(candidate)).as("'%s'", candidate)
                    .isEqualTo(Topics.DEVICE_ID.matcher(candidate).matches());
        }
        assertThat(Topics.isValidDeviceId("a".repeat(64))).isTrue();
        assertThat(Topics.isValidDeviceId("a".repeat(65))).isFalse();
        assertThat(Topics.isValidDeviceId("-a")).isFalse();
        assertThat(Topics.isValidDeviceId("_a")).isFalse();
        assertThat(Topics.isValidDeviceId("0-_")).isTrue();
        assertThat(Topics.isValidDeviceId("")).isFalse();
        assertThat(Topics.isValidDeviceId(null)).isFalse();
    }


    private static final String ID64 = "a".repeat(Topics.MAX_DEVICE_ID_LENGTH);

    /** Verifies the topic builders. */
    @Test
    void builders() {
        assertThat(Topics.status("loa-01")).isEqualTo("tele/loa-01/status");
        assertThat(Topics.event("loa-01")).isEqualTo("tele/loa-01/event");
        assertThat(Topics.state("loa-01")).isEqualTo("tele/loa-01/state");
        assertThat(Topics.command("loa-01", Topics.COMMAND_VOLUME)).isEqualTo("cmd/loa-01/volume");
        assertThat(Topics.command("cam_7", Topics.COMMAND_REBOOT)).isEqualTo("cmd/cam_7/reboot");
        assertThat(Topics.commandFilter("loa-01")).isEqualTo("cmd/loa-01/+");
        assertThat(Topics.communeSchedule("gia-phu")).isEqualTo("cmd/commune/gia-phu/schedule");
        assertThat(Topics.TELEMETRY_FILTER).isEqualTo("tele/#");
    }

    /** Verifies that builders refuse ids and commands that would break the topic tree. */
    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "+", "#", "a b", "-lead", "_lead", "dé", "a.b"})
    void buildersRefuseBadIds(String id) {
        assertThatThrownBy(() -> Topics.status(id)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.command(id, "reboot")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.communeSchedule(id)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.command("loa-01", id)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Verifies the limits of the id and command rules. */
    @Test
    void idRules() {
        assertThat(Topics.isValidDeviceId(ID64)).isTrue();
        assertThat(Topics.isValidDeviceId(ID64 + "a")).isFalse();
        assertThat(Topics.isValidDeviceId(null)).isFalse();
        assertThat(Topics.isValidDeviceId("0")).isTrue();
        assertThat(Topics.isValidCommand("schedule")).isTrue();
        assertThat(Topics.isValidCommand("Reboot")).isFalse();
        assertThat(Topics.isValidCommand("a".repeat(33))).isFalse();
        assertThat(Topics.isValidCommand(null)).isFalse();
        assertThatThrownBy(() -> Topics.status(null)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Verifies that every channel parses from the topic its builder makes. */
    @ParameterizedTest
    @EnumSource(Channel.class)
    void parsesWhatItBuilds(Channel channel) {
        assertThat(Topics.parse(Topics.telemetry("loa-01", channel)))
                .isEqualTo(new TopicParse.DeviceTopic("loa-01", channel));
        assertThat(Topics.parse(Topics.telemetry(ID64, channel)))
                .isEqualTo(new TopicParse.DeviceTopic(ID64, channel));
    }

    /** Verifies that anything but exactly tele/{valid id}/{channel} is a bad topic. */
    @ParameterizedTest
    @ValueSource(strings = {"", "tele", "tele/", "tele/loa-01", "tele/loa-01/", "tele//status", "tele/../status",
        "tele/./status", "tele/dev 1/status", "tele/+/status", "tele/#", "tele/loa-01/#", "tele/loa-01/+",
        "tele/loa-01/status/extra", "tele/loa-01/status/", "/tele/loa-01/status", "TELE/loa-01/status",
        "tele/loa-01/Status", "tele/loa-01/telemetry", "tele/dé/status", "tele/-x/status", "tele/loa\u0000/status",
        "cmd/loa-01/reboot", "tele/loa-01/status\n", " tele/loa-01/status", "tele/loa-01//status"})
    void badTopics(String topic) {
        assertThat(Topics.parse(topic)).isInstanceOf(TopicParse.BadTopic.class);
    }

    /** Verifies the bad-topic details, and that they never echo the topic. */
    @Test
    void badTopicDetails() {
        assertThat(detail(null)).isEqualTo("no topic");
        assertThat(detail("tele/" + ID64 + "x/status")).contains("longer than 64");
        assertThat(detail("tele//status")).contains("empty");
        assertThat(detail("tele/a/b/c")).contains("too many levels");
        assertThat(detail("tele/SECRET-MARKER/weird")).doesNotContain("SECRET", "weird");
        assertThat(detail("tele/SECRET MARKER/status")).doesNotContain("SECRET");
    }

    private static String detail(String topic) {
        return ((TopicParse.BadTopic) Topics.parse(topic)).detail();
    }
}
