package dev.dpiqa.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SafeImageFetcherTest {

    private static final byte[] IMAGE = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4};
    private static final long MAX_BYTES = 1024;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        route("/image.png", exchange -> respond(exchange, 200, IMAGE));
        route("/missing", exchange -> respond(exchange, 404, new byte[0]));
        route("/busy", exchange -> respond(exchange, 503, new byte[0]));
        route("/to-metadata", exchange -> redirect(exchange, "http://169.254.169.254/latest/meta-data/"));
        route("/to-image", exchange -> redirect(exchange, "/image.png"));
        route("/loop", exchange -> redirect(exchange, "/loop"));
        route("/declared-huge", exchange -> respond(exchange, 200, new byte[(int) MAX_BYTES + 1]));
        route("/streamed-huge", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no Content-Length to check first
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 64; i++) {
                    out.write(new byte[256]);
                }
            }
        });
        route("/slow", exchange -> {
            sleep(5_000);
            respond(exchange, 200, IMAGE);
        });
        route("/drip", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write(1);
                    out.flush();
                    sleep(100);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void fetchesFromLoopbackWhenAllowListed() throws Exception {
        FetchedImage image = fetcher(true).fetch(url("/image.png"));
        assertThat(image.bytes()).isEqualTo(IMAGE);
        assertThat(image.contentType()).isEqualTo("image/png");
    }

    @Test
    void refusesLoopbackWithoutConnecting() {
        FetchException e = failure(fetcher(false), url("/image.png"));
        assertThat(e.reason()).isEqualTo(FetchException.Reason.FORBIDDEN_ADDRESS);
        assertThat(e.isTransient()).isFalse();
        assertThat(requests).hasValue(0);
    }

    @Test
    void refusesLoopbackSpelledAsOneDecimalNumber() {
        FetchException e = failure(fetcher(false), URI.create("http://2130706433:" + port() + "/image.png"));
        assertThat(e.reason()).isEqualTo(FetchException.Reason.FORBIDDEN_ADDRESS);
    }

    @Test
    void checksEveryRedirectHop() {
        FetchException e = failure(fetcher(true), url("/to-metadata"));
        assertThat(e.reason()).isEqualTo(FetchException.Reason.FORBIDDEN_ADDRESS);
        assertThat(e.getMessage()).contains("169.254.169.254");
    }

    @Test
    void followsAllowedRedirectsUpToTheLimit() throws Exception {
        FetchedImage image = fetcher(true).fetch(url("/to-image"));
        assertThat(image.bytes()).isEqualTo(IMAGE);
        assertThat(image.source().getPath()).isEqualTo("/image.png");

        FetchException e = failure(fetcher(true), url("/loop"));
        assertThat(e.reason()).isEqualTo(FetchException.Reason.TOO_MANY_REDIRECTS);
        assertThat(requests).hasValue(2 + 3 + 1);
    }

    /**
     * The client connects where the guard said, never where a fresh lookup of the name would lead: a host name that
     * resolves nowhere is fetched from the pinned address, with that name in the Host header.
     */
    @Test
    void connectsOnlyToThePinnedAddressNeverResolvingTheNameAgain() throws Exception {
        AtomicReference<String> hostHeader = new AtomicReference<>();
        route("/pinned.png", exchange -> {
            hostHeader.set(exchange.getRequestHeaders().getFirst("Host"));
            respond(exchange, 200, IMAGE);
        });
        HttpTarget target = HttpTarget.of(URI.create("http://rebinding.invalid:" + port() + "/pinned.png"));
        PinnedHttpGet.Result result = new PinnedHttpGet(500, MAX_BYTES)
                .get(target, List.of(InetAddress.getLoopbackAddress()), new Deadline(Duration.ofSeconds(2)));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo(IMAGE);
        assertThat(hostHeader.get()).isEqualTo("rebinding.invalid:" + port());
    }

    /**
     * Over TLS the pinned connection still speaks to the name: SNI carries it, and the certificate is checked against
     * it, so a certificate for another name is refused (permanently) even though the address was approved.
     */
    @Test
    void httpsToThePinnedAddressSendsTheNameAsSniAndChecksTheCertificateAgainstIt() throws Exception {
        char[] password = "changeit".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getResourceAsStream("/tls/pinned-tls.p12")) {
            keys.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        AtomicReference<List<SNIServerName>> serverNames = new AtomicReference<>();
        https.createContext("/image.png", exchange -> {
            serverNames.set(((ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession()).getRequestedServerNames());
            respond(exchange, 200, IMAGE);
            exchange.close();
        });
        https.start();
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("pinned", keys.getCertificate("pinned"));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            PinnedHttpGet http = new PinnedHttpGet(500, MAX_BYTES, (X509TrustManager) trustManagers.getTrustManagers()[0]);
            String port = ":" + https.getAddress().getPort();
            List<InetAddress> approved = List.of(InetAddress.getLoopbackAddress());

            PinnedHttpGet.Result result = http.get(HttpTarget.of(URI.create("https://pinned.test" + port + "/image.png")),
                    approved, new Deadline(Duration.ofSeconds(5)));
            assertThat(result.body()).isEqualTo(IMAGE);
            assertThat(serverNames.get()).containsExactly(new SNIHostName("pinned.test"));

            HttpTarget otherName = HttpTarget.of(URI.create("https://other.test" + port + "/image.png"));
            FetchException e = catchThrowableOfType(FetchException.class,
                    () -> http.get(otherName, approved, new Deadline(Duration.ofSeconds(5))));
            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo(FetchException.Reason.UNREACHABLE);
            assertThat(e.isTransient()).isFalse();
        } finally {
            https.stop(0);
        }
    }

    @Test
    void slowServerTimesOutWithinTheTotalLimit() {
        for (String path : List.of("/slow", "/drip")) {
            long start = System.nanoTime();
            FetchException e = failure(fetcher(true), url(path));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(e.reason()).as(path).isEqualTo(FetchException.Reason.TIMEOUT);
            assertThat(e.isTransient()).isTrue();
            assertThat(elapsedMillis).as(path).isBetween(700L, 2_500L);
        }
    }

    @Test
    void refusesBodiesOverTheByteLimit() {
        for (String path : List.of("/declared-huge", "/streamed-huge")) {
            FetchException e = failure(fetcher(true), url(path));
            assertThat(e.reason()).as(path).isEqualTo(FetchException.Reason.TOO_LARGE);
            assertThat(e.isTransient()).isFalse();
        }
    }

    @Test
    void clientErrorsArePermanentAndServerErrorsTransient() {
        FetchException notFound = failure(fetcher(true), url("/missing"));
        assertThat(notFound.reasonLabel()).isEqualTo("HTTP_STATUS(404)");
        assertThat(notFound.isTransient()).isFalse();

        FetchException busy = failure(fetcher(true), url("/busy"));
        assertThat(busy.httpStatus()).isEqualTo(503);
        assertThat(busy.isTransient()).isTrue();
    }

    @Test
    void refusesUrisItDoesNotFetch() {
        for (String uri : List.of("ftp://example.com/a.png", "http://user:secret@example.com/a.png", "http:///a.png",
                "gopher://127.0.0.1/")) {
            assertThat(failure(fetcher(true), URI.create(uri)).reason()).as(uri).isEqualTo(FetchException.Reason.BAD_URI);
        }
    }

    @Test
    void unreachablePortIsTransient() throws IOException {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        FetchException e = failure(fetcher(true), URI.create("http://127.0.0.1:" + closedPort + "/"));
        assertThat(e.reason()).isEqualTo(FetchException.Reason.UNREACHABLE);
        assertThat(e.isTransient()).isTrue();
    }

    @Test
    void fileUrisOnlyWhenEnabledAndUnderTheRoots(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path inside = Files.write(root.resolve("a.png"), IMAGE);
        Path outside = Files.write(dir.resolve("b.png"), IMAGE);
        SafeImageFetcher files = new SafeImageFetcher(policy(false).withFileUris(true));
        SafeImageFetcher rooted = new SafeImageFetcher(new FetchPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1),
                MAX_BYTES, 3, List.of(), true, List.of(root)));

        assertThat(failure(fetcher(true), inside.toUri()).reason()).isEqualTo(FetchException.Reason.FORBIDDEN_ADDRESS);
        assertThat(files.fetch(inside.toUri()).bytes()).isEqualTo(IMAGE);
        assertThat(rooted.fetch(inside.toUri()).bytes()).isEqualTo(IMAGE);
        assertThat(failure(rooted, outside.toUri()).reason()).isEqualTo(FetchException.Reason.FORBIDDEN_ADDRESS);
        assertThat(failure(rooted, root.resolve("../b.png").toUri()).reason())
                .isEqualTo(FetchException.Reason.FORBIDDEN_ADDRESS);
        assertThat(failure(files, dir.resolve("none.png").toUri()).reason()).isEqualTo(FetchException.Reason.NOT_FOUND);
        Path huge = Files.write(dir.resolve("huge.png"), new byte[(int) MAX_BYTES + 1]);
        assertThat(failure(files, huge.toUri()).reason()).isEqualTo(FetchException.Reason.TOO_LARGE);
    }

    private static FetchPolicy policy(boolean allowLoopback) {
        return new FetchPolicy(Duration.ofMillis(500), Duration.ofMillis(800), MAX_BYTES, 3,
                allowLoopback ? List.of(IpNetwork.parse("127.0.0.0/8")) : List.of(), false, List.of());
    }

    private static SafeImageFetcher fetcher(boolean allowLoopback) {
        return new SafeImageFetcher(policy(allowLoopback));
    }

    private static FetchException failure(SafeImageFetcher fetcher, URI uri) {
        FetchException e = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(uri));
        assertThat(e).as("fetching %s should fail", uri).isNotNull();
        return e;
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    private void route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            try {
                handler.handle(exchange);
            } catch (IOException e) {
                // the client hung up on purpose (limits, timeouts)
            } finally {
                exchange.close();
            }
        });
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "image/png");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
