package vn.commune.telemetry.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.inventory.FleetGenerator;
import vn.commune.telemetry.protocol.CameraStatus;
import vn.commune.telemetry.protocol.DecodeResult;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.GatewayStatus;
import vn.commune.telemetry.protocol.LoudspeakerStatus;
import vn.commune.telemetry.protocol.MessageCodec;
import vn.commune.telemetry.protocol.StatusMessage;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.protocol.WifiStatus;
import vn.commune.telemetry.simulator.fault.FaultType;
import vn.commune.telemetry.simulator.fleet.FleetIndex;

/** Verifies what the device models report: valid protocol, plausible values, daily cycles. */
class DeviceModelsTest {

    /** Monday 2026-11-23 00:00 in Vietnam. */
    private static final long START = Instant.parse("2026-11-22T17:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000;

    private final FleetIndex fleet = new FleetIndex(FleetGenerator.district(9));
    private final List<DeviceModel> models = new DeviceFactory(fleet, 9, START, Map.of()).createAll();

    /** Verifies that every status of every device over two days is valid wire protocol v1. */
    @Test
    void everyStatusIsValidProtocol() {
        MessageCodec codec = new MessageCodec();
        for (DeviceModel model : models) {
            for (long t = START; t < START + 48 * HOUR; t += 3 * HOUR) {
                StatusMessage status = model.status(t);
                DecodeResult result = codec.decode(Topics.status(model.id()), codec.encode(status), t);
                assertThat(result).as(model.id()).isInstanceOf(DecodeResult.Accepted.class);
                assertThat(((DecodeResult.Accepted) result).message()).isEqualTo(status);
                assertThat(status.kind()).isEqualTo(model.kind());
            }
        }
    }

    /** Verifies that Wi-Fi points see many clients in the evening and few at night. */
    @Test
    void wifiClientsFollowTheDay() {
        long evening = 0;
        long night = 0;
        for (DeviceModel model : ofKind(DeviceKind.WIFI)) {
            evening += ((WifiStatus) model.status(START + 20 * HOUR).detail()).clients();
            night += ((WifiStatus) model.status(START + 3 * HOUR).detail()).clients();
        }
        assertThat(evening).isGreaterThan(night * 10);
    }

    /** Verifies that devices are warmer in the afternoon than before dawn. */
    @Test
    void temperatureFollowsTheDay() {
        double afternoon = 0;
        double dawn = 0;
        for (DeviceModel model : models) {
            afternoon += model.status(START + 14 * HOUR + HOUR / 2).common().tempC();
            dawn += model.status(START + 2 * HOUR + HOUR / 2).common().tempC();
        }
        assertThat((afternoon - dawn) / models.size()).isBetween(8.0, 12.0);
    }

    /** Verifies that signal is per village: some villages poor (below -110 dBm), most fair to good. */
    @Test
    void signalDependsOnTheVillage() {
        long poor = models.stream().filter(m -> m.radio().meanRsrp() < -110).count();
        assertThat(poor).isBetween(models.size() / 30L, models.size() / 3L);
        for (DeviceModel model : models) {
            StatusMessage status = model.status(START);
            assertThat(status.common().rssiDbm()).isGreaterThan(status.common().rsrpDbm());
        }
    }

    /** Verifies camera storage filling and rotating within bounds, and recording failures. */
    @Test
    void cameraStorageRotates() {
        CameraModel camera = (CameraModel) ofKind(DeviceKind.CAMERA).get(0);
        List<Double> storage = new ArrayList<>();
        for (long t = START; t < START + 30 * 24 * HOUR; t += 6 * HOUR) {
            storage.add(camera.storageUsedPct(t));
        }
        assertThat(storage).allSatisfy(pct -> assertThat(pct).isBetween(0.0, 95.0));
        assertThat(storage.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isGreaterThan(90);
        assertThat(((CameraStatus) camera.status(START).detail()).recording()).isTrue();
        camera.holds().add(FaultType.RECORDING_FAILURE);
        CameraStatus stopped = (CameraStatus) camera.status(START).detail();
        assertThat(stopped.recording()).isFalse();
        assertThat(stopped.fps()).isZero();
    }

    /** Verifies loudspeaker horns and amplifier reports, and that a broken one cannot play. */
    @Test
    void loudspeakerHornsAndAmplifier() {
        LoudspeakerModel speaker = (LoudspeakerModel) ofKind(DeviceKind.LOUDSPEAKER).get(0);
        speaker.start();
        speaker.online(true);
        assertThat(speaker.canPlay()).isTrue();
        LoudspeakerStatus healthy = (LoudspeakerStatus) speaker.status(START).detail();
        assertThat(healthy.hornsOk()).isEqualTo(healthy.hornsTotal()).isBetween(2, 6);
        assertThat(healthy.ampOk()).isTrue();
        assertThat(healthy.volumePct()).isBetween(60, 90);

        speaker.holds().addHornsFailed(1);
        assertThat(((LoudspeakerStatus) speaker.status(START).detail()).hornsOk())
                .isEqualTo(healthy.hornsTotal() - 1);
        speaker.holds().addHornsFailed(10);
        assertThat(speaker.canPlay()).isFalse();
        speaker.holds().addHornsFailed(-11);
        speaker.holds().add(FaultType.AMP_FAILURE);
        assertThat(speaker.canPlay()).isFalse();
        assertThat(((LoudspeakerStatus) speaker.status(START).detail()).ampOk()).isFalse();
    }

    /** Verifies gateways report the devices behind them and their commune's uplink. */
    @Test
    void gatewaysReportTheirCommune() {
        for (DeviceModel model : ofKind(DeviceKind.GATEWAY)) {
            GatewayStatus status = (GatewayStatus) model.status(START).detail();
            assertThat(status.devices()).isEqualTo(fleet.inventory().devicesBehind(model.id()).size());
            assertThat(status.uplink()).isNotNull();
            assertThat(status.spoolDepth()).isZero();
        }
    }

    /** Verifies that the same seed gives the same device and another seed another one. */
    @Test
    void devicesAreReproducible() {
        List<DeviceModel> again = new DeviceFactory(fleet, 9, START, Map.of()).createAll();
        List<DeviceModel> other = new DeviceFactory(fleet, 10, START, Map.of()).createAll();
        assertThat(again.get(5).status(START + HOUR)).isEqualTo(models.get(5).status(START + HOUR));
        assertThat(other.get(5).status(START + HOUR)).isNotEqualTo(models.get(5).status(START + HOUR));
    }

    private List<DeviceModel> ofKind(DeviceKind kind) {
        return models.stream().filter(m -> m.kind() == kind).toList();
    }
}
