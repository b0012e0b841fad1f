package vn.commune.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Verifies topic building and parsing. */
class TopicsTest {

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
