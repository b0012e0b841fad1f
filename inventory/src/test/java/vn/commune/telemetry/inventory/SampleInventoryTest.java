package vn.commune.telemetry.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.protocol.DeviceKind;

/** Verifies the committed sample inventory, {@code config/inventory.yaml}. */
class SampleInventoryTest {

    /** The sample, from the module directory where the tests run. */
    static final Path SAMPLE = Path.of("..").resolve(SampleInventory.DEFAULT_PATH);

    private static Inventory sample;

    @BeforeAll
    static void read() throws InventoryException {
        sample = InventoryReader.read(SAMPLE);
    }

    /** Verifies the figures of Bảo Thắng: 14 communes, 188 villages, about 112,000 people. */
    @Test
    void places() {
        assertThat(sample.placesAtLevel("district")).extracting(Place::name).containsExactly("Bảo Thắng");
        assertThat(sample.placesAtLevel("commune")).hasSize(14);
        assertThat(sample.placesAtLevel("village")).hasSize(188);
        assertThat(sample.leavesUnder("bao-thang")).hasSize(188);
        long population = sample.placesAtLevel("village").stream().mapToLong(Place::population).sum();
        assertThat(population).isBetween(111_000L, 113_000L);
        assertThat(sample.place("bao-thang").orElseThrow().population()).isEqualTo(population);
        assertThat(sample.place("gia-phu-thon-dong-luc").map(Place::name)).hasValue("Thôn Đồng Lục");
        assertThat(sample.place("gia-phu-thon-hai-khe").map(Place::name)).hasValue("Thôn Hải Khê");
    }

    /** Verifies the devices: a loudspeaker and a Wi-Fi point per village, 18 cameras in Gia Phú, 14 gateways. */
    @Test
    void devices() {
        assertThat(sample.countByKind()).containsEntry(DeviceKind.LOUDSPEAKER, 188).containsEntry(DeviceKind.WIFI, 188)
                .containsEntry(DeviceKind.GATEWAY, 14);
        long giaPhuCameras = sample.devicesUnder("gia-phu").stream().filter(d -> d.kind() == DeviceKind.CAMERA)
                .count();
        assertThat(giaPhuCameras).isEqualTo(18);
        assertThat(sample.devicesBehind("gw-gia-phu")).hasSize(18 + 2 * 18);
    }

    /** Verifies the tags stored with a loudspeaker's measurements. */
    @Test
    void tags() {
        assertThat(sample.tags("ls-gia-phu-thon-hai-khe")).containsExactly(
                entry("device", "ls-gia-phu-thon-hai-khe"),
                entry("kind", "loudspeaker"),
                entry("province", "lao-cai"),
                entry("district", "bao-thang"),
                entry("commune", "gia-phu"),
                entry("village", "gia-phu-thon-hai-khe"));
        assertThat(sample.tags("cam-gia-phu-01")).containsEntry("commune", "gia-phu").doesNotContainKey("village");
    }

    /** Verifies that the committed file is exactly what the generator writes, so it can be regenerated. */
    @Test
    void committedFileIsGenerated() throws IOException {
        assertThat(Files.readString(SAMPLE, StandardCharsets.UTF_8)).isEqualTo(SampleInventory.sampleText());
        assertThat(sample).isEqualTo(SampleInventory.inventory());
    }

    /** Verifies the one-line summary the generator prints. */
    @Test
    void summary() {
        assertThat(SampleInventory.summary(sample)).isEqualTo("1 province, 1 district, 14 commune, 188 village,"
                + " population 112,000; devices 451 (188 loudspeaker, 188 wifi, 61 camera, 14 gateway)");
    }
}
