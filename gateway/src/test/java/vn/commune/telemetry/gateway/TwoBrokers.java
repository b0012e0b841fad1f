package vn.commune.telemetry.gateway;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.TestServers;

/** What each gateway integration test stands on: a commune's local broker and the district's, fresh per test. */
abstract class TwoBrokers {

    @TempDir
    Path dir;
    MqttBroker local;
    MqttBroker district;

    @BeforeEach
    void brokers() {
        local = TestServers.newBroker();
        district = TestServers.newBroker();
    }

    @AfterEach
    void stopBrokers() {
        local.close();
        district.close();
    }
}
