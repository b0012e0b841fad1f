package vn.commune.telemetry.service;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import vn.commune.telemetry.testsupport.MqttTestClient;

/**
 * A stream of distinct statuses from many devices, published in the background so that a test can break
 * something in the middle of it. Message {@code i} goes to device {@code i % devices} with {@code uptime_s = i}.
 */
final class Stream implements AutoCloseable {

    private final MqttTestClient publisher;
    private final List<String> devices;
    private final int total;
    private final long baseTs;
    private final AtomicInteger sent = new AtomicInteger();
    private final Thread thread;
    private volatile Throwable failure;

    Stream(String brokerUrl, String clientId, List<String> devices, int total, int perSecond) {
        this.publisher = MqttTestClient.connect(brokerUrl, clientId);
        this.devices = devices;
        this.total = total;
        this.baseTs = System.currentTimeMillis() - 6 * 3_600_000L;
        this.thread = new Thread(() -> run(perSecond), "stream-" + clientId);
    }

    Stream start() {
        thread.start();
        return this;
    }

    private void run(int perSecond) {
        try {
            long started = System.nanoTime();
            for (int i = 0; i < total; i++) {
                String device = devices.get(i % devices.size());
                // one status per device per second of simulated time: distinct timestamps per series
                long ts = baseTs + (long) (i / devices.size()) * 1000L;
                publisher.publish("tele/" + device + "/status", Payloads.loudspeaker(ts, i));
                sent.incrementAndGet();
                long due = started + (long) ((i + 1) * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            publisher.flush();
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** How many have been handed to the client so far. */
    int sent() {
        return sent.get();
    }

    /** Waits until all are published and acknowledged by the broker. */
    void finish() throws InterruptedException {
        thread.join(300_000);
        if (failure != null) {
            throw new IllegalStateException("publishing failed", failure);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        publisher.close();
    }
}
