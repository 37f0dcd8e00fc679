package dev.bedrockgateway.tenant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fake AWS identity endpoints the tenant integration tests share, as a JUnit extension: the Bedrock
 * simulator that the {@code local} profile starts also answers STS {@code AssumeRole} and the IAM
 * Identity Center (SSO) portal's {@code GetRoleCredentials}, and this points the AWS SDK at it.
 *
 * <p>Before a test class it fixes the simulator's port ({@code gateway.simulator.port}), points the SDK's
 * {@code aws.endpointUrlSts} and {@code aws.endpointUrlSso} at that port, and writes the SSO token cache for
 * the {@code test-sso} (valid) and {@code expired-sso} (expired) sessions of {@code src/test/resources/aws/config}.
 * After the class it clears those system properties, so nothing leaks into other test classes. The port is
 * the same for the whole JVM, so the one {@code local} + {@code tenancy} context that these classes share
 * keeps matching, whichever of them starts it.
 *
 * <p>Register it with {@code @ExtendWith(FakeAwsIdentityEndpoints.class)} on a test class whose instances
 * are created per test method (JUnit's default): Spring starts the context when it injects the first
 * instance, which comes after every {@code beforeAll}.
 */
final class FakeAwsIdentityEndpoints implements BeforeAllCallback, AfterAllCallback {

    /** The IAM Identity Center access token cached for sso-session {@code test-sso}. */
    static final String SSO_ACCESS_TOKEN = "sso-access-token-4e7a19d3c5";

    /** The access token cached, already expired, for sso-session {@code expired-sso}. */
    static final String EXPIRED_SSO_ACCESS_TOKEN = "sso-access-token-expired-91b0c2";

    private static final String PORT_PROPERTY = "gateway.simulator.port";
    private static final String STS_ENDPOINT_PROPERTY = "aws.endpointUrlSts";
    private static final String SSO_ENDPOINT_PROPERTY = "aws.endpointUrlSso";
    private static final int SIMULATOR_PORT = freeLoopbackPort();

    @Override
    public void beforeAll(ExtensionContext context) {
        String endpoint = "http://127.0.0.1:" + SIMULATOR_PORT;
        System.setProperty(PORT_PROPERTY, Integer.toString(SIMULATOR_PORT));
        System.setProperty(STS_ENDPOINT_PROPERTY, endpoint);
        System.setProperty(SSO_ENDPOINT_PROPERTY, endpoint);
        writeSsoToken("test-sso", SSO_ACCESS_TOKEN, "2099-01-01T00:00:00Z", "https://test-sso.awsapps.com/start");
        writeSsoToken(
                "expired-sso",
                EXPIRED_SSO_ACCESS_TOKEN,
                "2020-01-01T00:00:00Z",
                "https://expired-sso.awsapps.com/start");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty(PORT_PROPERTY);
        System.clearProperty(STS_ENDPOINT_PROPERTY);
        System.clearProperty(SSO_ENDPOINT_PROPERTY);
    }

    /**
     * Writes {@code $HOME/.aws/sso/cache/<sha1 of the session name>.json}, where the SDK looks for an
     * {@code sso_session} profile's token. Surefire sets HOME to {@code target/test-home}; anywhere
     * else this refuses, so a developer's own SSO cache is never touched.
     */
    private static void writeSsoToken(String session, String accessToken, String expiresAt, String startUrl) {
        String home = System.getenv("HOME");
        if (home == null || !home.endsWith("test-home")) {
            throw new IllegalStateException("HOME must be the build's test-home (run through Maven), not " + home);
        }
        Path file = Path.of(home, ".aws", "sso", "cache", sha1Hex(session) + ".json");
        String json = """
                {"accessToken":"%s","expiresAt":"%s","region":"us-east-1","startUrl":"%s"}""".formatted(accessToken, expiresAt, startUrl);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1Hex(String text) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
