package vn.commune.telemetry.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Eclipse Mosquitto 2 in a container, configured like the local one. */
final class ContainerMosquitto extends ContainerServer implements MqttBroker {

    ContainerMosquitto(long maxQueued) {
        super("eclipse-mosquitto:2.0.11", 1883);
        copy(String.join("\n",
                "listener 1883",
                "allow_anonymous true",
                "persistence true",
                "persistence_location /mosquitto/data/",
                "autosave_interval 1",
                "max_inflight_messages 0",
                "max_queued_messages " + maxQueued,
                "max_queued_bytes 0",
                "persistent_client_expiration 1d",
                "log_dest stdout",
                ""), "/mosquitto/config/mosquitto.conf");
        create();
    }

    @Override
    protected boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
