package vn.commune.telemetry.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test methods and constructors a running {@link MqttBroker} and {@link InfluxDb}, started once per test JVM
 * and stopped when the JVM's tests are done. A test that stops a shared server must start it again; a test that
 * wants to kill one for good asks {@link TestServers} for its own.
 */
public final class TestServersExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestServersExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MqttBroker.class || type == InfluxDb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        ExtensionContext.Store store = context.getRoot().getStore(NS);
        try {
            ManagedServer server;
            if (type == MqttBroker.class) {
                server = store.getOrComputeIfAbsent("broker", key -> new Shared(TestServers.newBroker()), Shared.class)
                        .server;
            } else {
                server = store.getOrComputeIfAbsent("influx", key -> new Shared(TestServers.newInfluxDb()),
                        Shared.class).server;
            }
            server.start();
            return server;
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    /** Closes the shared server when the root context closes. */
    private static final class Shared implements AutoCloseable {
        final ManagedServer server;

        Shared(ManagedServer server) {
            this.server = server;
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
