package vn.commune.telemetry.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPubAck;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;
import org.eclipse.paho.mqttv5.common.packet.util.MultiByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** The service's replacement of Paho's {@code packet.util} package: in use, and Paho decodes through it as before. */
class PahoPatchTest {

    /** Verifies the Paho version the replaced classes were written against: another one must be compared again. */
    @Test
    void pahoIsTheVersionThePackageWasReplacedFor() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = MqttWireMessage.class.getResourceAsStream(
                "/META-INF/maven/org.eclipse.paho/org.eclipse.paho.mqttv5.client/pom.properties")) {
            pom.load(in);
        }
        assertThat(pom.getProperty("version"))
                .as("compare org/eclipse/paho/mqttv5/common/packet/util with the new Paho's, then update this")
                .isEqualTo("1.2.5");
    }

    /** Verifies that the class Paho loads is the service's, which reads a block in one call and counts it. */
    @Test
    void blocksAreReadAsBlocks() throws IOException {
        byte[] bytes = new byte[300];
        ProbedSource source = new ProbedSource(bytes);
        CountingInputStream counting = new CountingInputStream(source);
        new DataInputStream(counting).readFully(new byte[300]);

        assertThat(source.blockReads).isEqualTo(1);
        assertThat(source.singleReads).isZero();
        assertThat(counting.getCounter()).isEqualTo(300);
        assertThat(counting.read()).isEqualTo(-1);
        assertThat(counting.read(new byte[4], 0, 4)).isEqualTo(-1);
        assertThat(counting.getCounter()).isEqualTo(300);
        counting.resetCounter();
        assertThat(counting.getCounter()).isZero();
    }

    /** Verifies a PUBLISH with properties and a PUBACK with a reason, encoded and decoded by Paho's own code. */
    @Test
    void pahoDecodesPacketsAsBefore() throws Exception {
        String payload = "{\"v\":1,\"program\":\"Bản tin sáng\"}";
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, null);
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(List.of(new UserProperty("gateway", "gw-01")));
        properties.setContentType("application/json");
        message.setProperties(properties);
        MqttPublish publish = new MqttPublish("tele/ls-xã-01/status", message, properties);
        publish.setMessageId(4242);

        MqttWireMessage decoded = MqttWireMessage.createWireMessage(concat(publish.getHeader(), publish.getPayload()));
        assertThat(decoded).isInstanceOf(MqttPublish.class);
        MqttPublish back = (MqttPublish) decoded;
        assertThat(back.getTopicName()).isEqualTo("tele/ls-xã-01/status");
        assertThat(back.getMessageId()).isEqualTo(4242);
        assertThat(new String(back.getMessage().getPayload(), StandardCharsets.UTF_8)).isEqualTo(payload);
        assertThat(back.getProperties().getContentType()).isEqualTo("application/json");
        assertThat(back.getProperties().getUserProperties()).containsExactly(new UserProperty("gateway", "gw-01"));

        MqttProperties reason = new MqttProperties();
        reason.setReasonString("quota exceeded");
        MqttPubAck ack = new MqttPubAck(0x97, 17, reason);
        MqttPubAck ackBack = (MqttPubAck) MqttWireMessage.createWireMessage(concat(ack.getHeader(), ack.getPayload()));
        assertThat(ackBack.getMessageId()).isEqualTo(17);
        assertThat(ackBack.getReasonCodes()).containsExactly(0x97);
        assertThat(ackBack.getProperties().getReasonString()).isEqualTo("quota exceeded");
    }

    /** Verifies the two-range stream Paho reads persisted messages with: the first range, then the second. */
    @Test
    void twoRangesReadAsOne() throws IOException {
        byte[] a = {9, 1, 2, 9};
        byte[] b = {(byte) 0xff, 3};
        try (InputStream in = new MultiByteArrayInputStream(a, 1, 2, b, 0, 2)) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 0xff, 3);
        }
    }

    private static byte[] concat(byte[] header, byte[] payload) {
        byte[] all = new byte[header.length + payload.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(payload, 0, all, header.length, payload.length);
        return all;
    }
}
