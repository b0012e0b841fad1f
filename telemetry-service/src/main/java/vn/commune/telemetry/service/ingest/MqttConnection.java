package vn.commune.telemetry.service.ingest;

import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * The service's one connection to the broker, as the rest of the code sees it: Futures in, messages out on the
 * Vert.x context, acknowledgements only when asked for. Implementations restore the connection and the
 * subscription by themselves.
 */
public interface MqttConnection {

    /** Sets where received messages go; called on the Vert.x context that created the connection. */
    void messageHandler(Handler<IncomingMessage> handler);

    /** Sets what is told of connection changes (true: connected and subscribed); called on the Vert.x context. */
    void connectionHandler(Handler<Boolean> handler);

    /**
     * Connects and subscribes, retrying with backoff until it succeeds or {@link #close()} is called. The Future
     * completes on the first successful subscription.
     */
    Future<Void> connect();

    /** Acknowledges a QoS 1 message: the broker may forget it. Frees its place among the messages held. */
    void ack(IncomingMessage message);

    /**
     * Finishes with a message without acknowledging it (it could not be stored): the broker delivers it again after
     * a reconnect. Frees its place among the messages held.
     */
    void giveUp(IncomingMessage message);

    /** Messages handed over and not yet acknowledged or given up (at most {@code mqtt.max-in-flight}). */
    long held();

    /** How many times reading from the broker paused because {@code mqtt.max-in-flight} messages were held. */
    long readPauses();

    /**
     * Reads from the broker's socket that reached the network, each a system call filling a 64 KiB buffer, over TLS
     * too: far fewer than the messages received while the buffer does its work.
     */
    long networkReads();

    /** Publishes a message. */
    Future<Void> publish(String topic, byte[] payload, int qos, boolean retain);

    /** Whether the connection is up and subscribed now. */
    boolean isConnected();

    /** Why the connection is down, for {@code /ready}; null when it is up. */
    String lastProblem();

    /** Disconnects without acknowledging anything more; unacknowledged messages stay with the broker. */
    Future<Void> close();
}
