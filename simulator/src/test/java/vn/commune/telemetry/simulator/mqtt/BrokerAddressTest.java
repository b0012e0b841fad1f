package vn.commune.telemetry.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.PilotCerts;

/** Broker URLs and the CA file of --ca-file. */
class BrokerAddressTest {

    @TempDir
    Path dir;

    /** Verifies the schemes and default ports, and that a CA file is read for TLS and refused otherwise. */
    @Test
    void urlsAndCaFile() throws Exception {
        assertThat(BrokerAddress.parse("mqtts://b")).extracting(BrokerAddress::port, BrokerAddress::tls)
                .containsExactly(8883, true);
        assertThat(BrokerAddress.parse("tcp://b").port()).isEqualTo(1883);
        assertThat(BrokerAddress.parse("ssl://b:8883").trust()).isNull();

        PilotCerts pilot = PilotCerts.make(dir.resolve("pilot"), "b");
        BrokerAddress trusting = BrokerAddress.parse("ssl://b:8883", pilot.ca());
        assertThat(trusting.caFile()).isEqualTo(pilot.ca());
        assertThat(trusting.trust()).isNotNull();

        assertThatThrownBy(() -> BrokerAddress.parse("tcp://b:1883", pilot.ca()))
                .hasMessageContaining("--ca-file is for a TLS broker");
        assertThatThrownBy(() -> BrokerAddress.parse("ssl://b:8883", dir.resolve("none.pem")))
                .hasMessageContaining("cannot be read");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertThatThrownBy(() -> BrokerAddress.parse("ssl://b:8883", empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(empty.toString());
    }
}
