package dev.bedrockgateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bedrockgateway.chat.ImageBlock;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/** The SSRF guard around remote image URLs, against a real HTTP server on the loopback address. */
class RemoteImageFetcherTest {

    private static final String FIELD = "messages[0].content[1].image_url.url";
    /** A real 1x1 PNG. */
    private static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    private static final int MAX_KILOBYTES = 1;

    private static HttpServer server;
    private static String base;
    private static final AtomicInteger REDIRECT_TARGET_HITS = new AtomicInteger();

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cat.png", exchange -> respond(exchange, 200, "image/png", PNG));
        server.createContext(
                "/cat-with-charset.png", exchange -> respond(exchange, 200, "IMAGE/PNG; charset=binary", PNG));
        server.createContext("/moved.png", exchange -> {
            exchange.getResponseHeaders().add("Location", base + "/redirect-target.png");
            respond(exchange, 302, "text/plain", new byte[0]);
        });
        server.createContext("/redirect-target.png", exchange -> {
            REDIRECT_TARGET_HITS.incrementAndGet();
            respond(exchange, 200, "image/png", PNG);
        });
        server.createContext("/missing.png", exchange -> respond(exchange, 404, "text/plain", "gone".getBytes()));
        server.createContext(
                "/page.html",
                exchange -> respond(
                        exchange,
                        200,
                        "text/html; charset=utf-8",
                        "<html><body>not an image</body></html>".getBytes()));
        server.createContext(
                "/huge.png", exchange -> respond(exchange, 200, "image/png", new byte[MAX_KILOBYTES * 1024 + 1]));
        server.createContext(
                "/exact.png", exchange -> respond(exchange, 200, "image/png", new byte[MAX_KILOBYTES * 1024]));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static RemoteImageFetcher fetcher(List<String> allowedHosts, boolean allowPrivateAddresses) {
        return new RemoteImageFetcher(new RemoteImageProperties(
                allowedHosts, DataSize.ofKilobytes(MAX_KILOBYTES), Duration.ofSeconds(2), allowPrivateAddresses));
    }

    /** Allows the test server: its host is listed and it sits on a loopback address. */
    private static RemoteImageFetcher trusting() {
        return fetcher(List.of("127.0.0.1"), true);
    }

    private static GatewayException refusal(RemoteImageFetcher fetcher, String url) {
        GatewayException error = catchThrowableOfType(GatewayException.class, () -> fetcher.resolve(url, FIELD));
        assertThat(error).as(url).isNotNull();
        assertThat(error.param()).isEqualTo(FIELD);
        return error;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/cat.png", "https://images.example.com/cat.png", "HTTP://127.0.0.1/cat.png"})
    void resolveWhenNoHostIsAllowedThenEveryRemoteUrlIsRefusedAskingForADataUrl(String url) {
        String absolute = url.startsWith("/") ? base + url : url;

        GatewayException error = refusal(fetcher(List.of(), false), absolute);

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage())
                .isEqualTo(FIELD + ": this gateway does not fetch remote images; send the image "
                        + "inline as a data:image/...;base64 URL");
    }

    @Test
    void resolveWhenNoHostIsAllowedThenADataUrlIsStillDecoded() {
        ImageBlock image = fetcher(List.of(), false)
                .resolve("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG), FIELD);

        assertThat(image.format()).isEqualTo("png");
        assertThat(image.source().bytes()).isEqualTo(PNG);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ftp://127.0.0.1/cat.png", "file:///etc/passwd", "http:///cat.png", "not a url"})
    void resolveWhenTheUrlIsNeitherDataNorHttpThenItIsRefused(String url) {
        GatewayException error = refusal(trusting(), url);

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage()).startsWith(FIELD + " ");
    }

    @Test
    void resolveWhenTheHostIsNotAllowedThenItIsRefusedBeforeAnyLookup() {
        GatewayException error = refusal(fetcher(List.of("images.example.com"), true), "https://evil.invalid/cat.png");

        assertThat(error.getMessage())
                .isEqualTo(FIELD + ": host 'evil.invalid' is not among the hosts this gateway "
                        + "fetches images from; send the image inline as a data: URL");
    }

    @Test
    void resolveWhenAnAllowedHostIsOnALoopbackAddressAndPrivateAddressesAreNotAllowedThenItIsRefused() {
        GatewayException error = refusal(fetcher(List.of("127.0.0.1"), false), base + "/cat.png");

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage())
                .isEqualTo(FIELD + ": host '127.0.0.1' resolves to an internal address, which "
                        + "this gateway does not fetch from");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"10.1.2.3", "172.16.0.1", "192.168.1.1", "0.0.0.0", "127.0.0.2"})
    void resolveWhenAnAllowedHostIsPrivateAndPrivateAddressesAreNotAllowedThenItIsRefused(String address) {
        GatewayException error = refusal(fetcher(List.of(address), false), "http://" + address + "/cat.png");

        assertThat(error.getMessage()).contains("resolves to an internal address");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            169.254.169.254  | http://169.254.169.254/latest/meta-data/
            169.254.170.2    | http://169.254.170.2/v2/credentials
            [fe80::1]        | http://[fe80::1]/cat.png
            224.0.0.1        | http://224.0.0.1/cat.png
            """)
    void resolveWhenAnAllowedHostIsLinkLocalOrMulticastThenItIsRefusedEvenWithPrivateAddressesAllowed(
            String host, String url) {
        GatewayException error = refusal(fetcher(List.of(host), true), url);

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage())
                .isEqualTo(FIELD + ": host '" + host + "' resolves to an internal address, "
                        + "which this gateway does not fetch from");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            [fd00:ec2::254]  | http://[fd00:ec2::254]/latest/meta-data/
            100.100.100.200  | http://100.100.100.200/latest/meta-data/
            """)
    void resolveWhenAnAllowedHostIsAnotherInternalOrMetadataAddressThenItIsRefused(String host, String url) {
        GatewayException error = refusal(fetcher(List.of(host), false), url);

        assertThat(error.getMessage()).contains("resolves to an internal address");
    }

    @Test
    void resolveWhenTheHostIsAllowedAndPrivateAddressesAreAllowedThenThePngIsFetchedByteForByte() {
        ImageBlock image = trusting().resolve(base + "/cat.png", FIELD);

        assertThat(image.format()).isEqualTo("png");
        assertThat(image.source().bytes()).isEqualTo(PNG);
        assertThat(image.source().s3Location()).isNull();
    }

    @Test
    void resolveWhenTheContentTypeHasParametersAndCapitalsThenTheFormatIsStillRead() {
        assertThat(trusting().resolve(base + "/cat-with-charset.png", FIELD).format())
                .isEqualTo("png");
    }

    @Test
    void resolveWhenTheServerRedirectsThenTheRedirectIsNotFollowed() {
        int before = REDIRECT_TARGET_HITS.get();

        GatewayException error = refusal(trusting(), base + "/moved.png");

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage()).isEqualTo(FIELD + ": fetching the image answered HTTP 302");
        assertThat(REDIRECT_TARGET_HITS.get()).isEqualTo(before);
    }

    @Test
    void resolveWhenTheServerAnswers404ThenTheRefusalNamesTheStatus() {
        GatewayException error = refusal(trusting(), base + "/missing.png");

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage()).isEqualTo(FIELD + ": fetching the image answered HTTP 404");
    }

    @Test
    void resolveWhenTheUrlServesHtmlThenItIsRefusedAsNotAnImage() {
        GatewayException error = refusal(trusting(), base + "/page.html");

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage()).isEqualTo(FIELD + ": the URL does not serve a png, jpeg, gif or webp image");
    }

    @Test
    void resolveWhenTheImageIsLargerThanTheLimitThen413() {
        GatewayException error = refusal(trusting(), base + "/huge.png");

        assertThat(error.kind()).isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE);
        assertThat(error.getMessage()).isEqualTo(FIELD + ": the image is larger than 1024 bytes");
    }

    @Test
    void resolveWhenTheImageIsExactlyTheLimitThenItIsFetched() {
        assertThat(trusting().resolve(base + "/exact.png", FIELD).source().bytes())
                .hasSize(1024);
    }

    @ParameterizedTest(name = "{0} allowed by {1}: {2}")
    @CsvSource(textBlock = """
            images.example.com,       *.example.com,      true
            a.b.example.com,          *.example.com,      true
            IMAGES.Example.COM,       *.EXAMPLE.com,      true
            example.com,              *.example.com,      false
            badexample.com,           *.example.com,      false
            example.com.evil.net,     *.example.com,      false
            images.example.com,       images.example.com, true
            cdn.images.example.com,   images.example.com, false
            images.example.com.evil,  images.example.com, false
            """)
    void allowsWhenAHostIsCheckedThenStarEntriesMatchSubdomainsAndOthersMatchExactly(
            String host, String allowed, boolean expected) {
        RemoteImageProperties properties =
                new RemoteImageProperties(List.of(allowed), DataSize.ofKilobytes(1), Duration.ofSeconds(1), false);

        assertThat(properties.allows(host)).isEqualTo(expected);
    }
}
