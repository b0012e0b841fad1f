package vn.commune.telemetry.simulator.mqtt;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The Netty event-loop threads every connection of a run shares (daemon threads, stopped with the run). */
final class MqttExecutor implements AutoCloseable {

    private final ExecutorService threads;
    private final MqttClientExecutorConfig config;

    MqttExecutor(int nettyThreads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "sim-mqtt-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.threads = Executors.newCachedThreadPool(factory);
        this.config = MqttClientExecutorConfig.builder().nettyExecutor(threads).nettyThreads(nettyThreads).build();
    }

    MqttClientExecutorConfig config() {
        return config;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
