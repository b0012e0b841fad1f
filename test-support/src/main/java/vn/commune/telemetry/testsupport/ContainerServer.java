package vn.commune.telemetry.testsupport;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A server in a Docker container, published on a fixed loopback port so that it keeps its address when the test
 * stops and starts it (the container, and so its data, is kept between the two).
 */
abstract class ContainerServer implements ManagedServer {

    private static final String HOST = "127.0.0.1";

    protected final GenericContainer<?> container;
    private final int hostPort;
    private boolean running;

    ContainerServer(String image, int containerPort) {
        this.hostPort = FreePorts.next();
        this.container = new GenericContainer<>(DockerImageName.parse(image))
                .withExposedPorts(containerPort)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindIpAndPort(HOST, hostPort), new ExposedPort(containerPort))));
    }

    /** Adds a file to the container before it starts. */
    protected void copy(String content, String pathInContainer) {
        container.withCopyToContainer(Transferable.of(content), pathInContainer);
    }

    /** Whether the server answers. */
    protected abstract boolean answers();

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return hostPort;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    /** First start: creates the container. */
    synchronized void create() {
        container.start();
        running = true;
        await(this::answers, "answer");
    }

    @Override
    public synchronized void start() {
        if (!running) {
            container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
            running = true;
            await(this::answers, "answer");
        }
    }

    @Override
    public synchronized void stop() {
        if (running) {
            container.getDockerClient().stopContainerCmd(container.getContainerId()).withTimeout(20).exec();
            running = false;
            await(() -> !answers(), "stop");
        }
    }

    @Override
    public synchronized void close() {
        container.stop();
        running = false;
    }

    private void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(container.getDockerImageName() + " did not " + what + " in time");
            }
            LocalProcessServer.pause(100);
        }
    }
}
