package vn.commune.telemetry.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.commune.telemetry.protocol.DecodeResult;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.MessageCodec;
import vn.commune.telemetry.protocol.StatusMessage;

/** Verifies that each malformed variant is refused by the protocol's codec for the reason it claims. */
class MalformedVariantTest {

    private static final long NOW = 1_795_392_000_000L;

    /** Verifies the codec's verdict on each variant, for a device of each kind. */
    @ParameterizedTest
    @EnumSource(MalformedVariant.class)
    void codecRefusesForTheExpectedReason(MalformedVariant variant) {
        MessageCodec codec = new MessageCodec();
        for (DeviceKind kind : DeviceKind.values()) {
            MalformedVariant.Malformed message = variant.build("ls-gia-phu-thon-1", kind, NOW);
            DecodeResult result = codec.decode(message.topic(), message.payload(), NOW);
            if (variant.refusedByCodec()) {
                assertThat(result).isInstanceOfSatisfying(DecodeResult.Rejected.class,
                        rejected -> assertThat(rejected.reason()).as(rejected.detail()).isEqualTo(variant.expected()));
            } else {
                assertThat(result).isInstanceOf(DecodeResult.Accepted.class);
                StatusMessage status = (StatusMessage) ((DecodeResult.Accepted) result).message();
                assertThat(status.kind() != kind || !status.deviceId().equals("ls-gia-phu-thon-1")).isTrue();
            }
        }
    }
}
