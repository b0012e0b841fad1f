package vn.commune.telemetry.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.service.config.PemFiles;
import vn.commune.telemetry.testsupport.PilotCerts;

/**
 * The TLS sockets Paho gets for {@code ssl://}: made unconnected, connected, then handshaken as Paho does it, over a
 * TLS server that sends many small records (as a broker sends one record per MQTT packet).
 */
class BufferedTlsSocketFactoryTest {

    private static final int RECORDS = 2_000;
    private static final int RECORD_BYTES = 100;

    @TempDir
    static Path dir;

    private static PilotCerts certs;

    @BeforeAll
    static void makeCertificates() {
        certs = PilotCerts.make(dir, "127.0.0.1");
    }

    /**
     * Verifies that the TLS layer reads the network through the 64 KiB buffer: 2,000 records, which the JDK's TLS
     * socket alone reads in 4,000 reads of the network (header, then body), arrive in a handful.
     */
    @Test
    void manyRecordsFewNetworkReads() throws Exception {
        try (SSLServerSocket server = server()) {
            CountDownLatch sent = new CountDownLatch(1);
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> serve(server, sent));
            BufferedTlsSocketFactory factory = new BufferedTlsSocketFactory(certs.clientContext());

            // Given a socket made and connected the way Paho's SSLNetworkModule does it
            try (Socket socket = factory.createSocket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 5_000);
                socket.setSoTimeout(10_000);
                checkHostLikePaho((SSLSocket) socket, "127.0.0.1");
                ((SSLSocket) socket).startHandshake();
                assertThat(((SSLSocket) socket).getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");

                // When the server has sent every record
                assertThat(sent.await(30, TimeUnit.SECONDS)).isTrue();
                InputStream in = socket.getInputStream();
                long before = factory.networkReads();
                byte[] all = in.readNBytes(RECORDS * RECORD_BYTES);

                // Then they all came, through few reads of the network
                assertThat(all).hasSize(RECORDS * RECORD_BYTES);
                assertThat(factory.networkReads() - before).isPositive().isLessThan(RECORDS / 20);
                socket.getOutputStream().write(1);
            }
            serving.get(30, TimeUnit.SECONDS);
        }
    }

    /** Verifies that the broker's name is checked on the layered socket: a certificate for another name fails. */
    @Test
    void hostnameIsChecked() throws Exception {
        try (SSLServerSocket server = server()) {
            CompletableFuture.runAsync(() -> serve(server, new CountDownLatch(1)));
            BufferedTlsSocketFactory factory = new BufferedTlsSocketFactory(certs.clientContext());
            try (Socket socket = factory.createSocket()) {
                // the certificate names 127.0.0.1 only
                socket.connect(new InetSocketAddress("localhost", server.getLocalPort()), 5_000);
                checkHostLikePaho((SSLSocket) socket, "localhost");
                assertThatThrownBy(((SSLSocket) socket)::startHandshake).isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("localhost");
            }
        }
    }

    /** What Paho's SSLNetworkModule sets before the handshake: SNI, then the hostname check. */
    private static void checkHostLikePaho(SSLSocket socket, String host) {
        SSLParameters sni = new SSLParameters();
        sni.setServerNames(List.of(new SNIHostName(host)));
        socket.setSSLParameters(sni);
        SSLParameters identification = new SSLParameters();
        identification.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(identification);
    }

    private static SSLServerSocket server() throws Exception {
        List<X509Certificate> chain = PemFiles.certificates(certs.cert(), "cert");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", PemFiles.privateKey(certs.key(), "key"), new char[0],
                chain.toArray(new X509Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress());
    }

    /** Sends {@link #RECORDS} records of {@link #RECORD_BYTES} bytes, each in its own write (its own TLS record). */
    private static void serve(SSLServerSocket server, CountDownLatch sent) {
        try (SSLSocket socket = (SSLSocket) server.accept()) {
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            byte[] record = new byte[RECORD_BYTES];
            for (int i = 0; i < RECORDS; i++) {
                record[0] = (byte) i;
                out.write(record);
                out.flush();
            }
            sent.countDown();
            socket.getInputStream().read();
        } catch (Exception e) {
            // the client went away (or never handshook): the test's assertions say what went wrong
        }
    }
}
