package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.bedrockgateway.bedrock.credentials.TenantCredentials;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import dev.bedrockgateway.tenant.Tenant;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;

/**
 * When Bedrock rejects a tenant's credentials (or they cannot be loaded), the backend rebuilds them and retries the
 * call once, with the new ones; if that fails on credentials too, the caller learns which credential source an
 * operator must fix and how. Failures that are not about credentials are neither retried nor relabelled.
 */
class BedrockChatBackendTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/bedrock-gateway";
    private static final Tenant ACME =
            new Tenant("acme", null, Set.of(), List.of(), List.of(), new Aws(null, ROLE, null, null, null, null));
    private static final String MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final ChatRequest REQUEST = BedrockSide.request(MODEL, "Hello");

    /** Each build of the tenant's credentials issues the next keys: AKID1, AKID2, ... */
    private final AtomicInteger builds = new AtomicInteger();
    /** How many builds, from the first, hand out credentials that cannot be loaded (an expired SSO session). */
    private int unloadableBuilds;

    private final TenantCredentials credentials = credentials(() -> {
        int build = builds.incrementAndGet();
        return () -> {
            if (build <= unloadableBuilds) {
                throw SdkClientException.create("Unable to load credentials: the SSO session has expired");
            }
            return AwsBasicCredentials.create("AKID" + build, "secret-of-build-" + build);
        };
    });
    private final FakeRuntime runtime = new FakeRuntime(credentials);
    private final BedrockChatBackend backend = backend(runtime, credentials);

    @Test
    void retriesOnceWithRebuiltCredentialsWhenBedrockRejectsThem() {
        runtime.answer = key -> key.equals("AKID1") ? awsError("ExpiredTokenException", 403) : null;

        ChatResponse response = backend.converse(ACME.targets().get(0), MODEL, REQUEST);

        assertThat(response.output().text()).isEqualTo("Signed with AKID2");
        assertThat(runtime.keysSeen).containsExactly("AKID1", "AKID2");
        assertThat(builds).hasValue(2);
    }

    @Test
    void retriesOnceWithRebuiltCredentialsWhenTheyCouldNotBeLoaded() {
        unloadableBuilds = 1;

        ChatResponse response = backend.converse(ACME.targets().get(0), MODEL, REQUEST);

        assertThat(response.output().text()).isEqualTo("Signed with AKID2");
        assertThat(builds).hasValue(2);
    }

    @Test
    void namesTheCredentialSourceToFixWhenTheRebuiltCredentialsAreRejectedToo() {
        runtime.answer = key -> awsError("UnrecognizedClientException", 403);

        GatewayException error = catchThrowableOfType(
                GatewayException.class, () -> backend.converse(ACME.targets().get(0), MODEL, REQUEST));

        assertThat(error.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(error.getMessage())
                .contains("tenant 'acme' (role " + ROLE + ")")
                .contains("UnrecognizedClientException from Bedrock")
                .contains("An operator should check that the gateway's own identity may assume " + ROLE)
                .doesNotContain("secret-of-build");
        assertThat(runtime.keysSeen).containsExactly("AKID1", "AKID2");
        assertThat(builds).hasValue(2);
    }

    @Test
    void namesTheCredentialSourceWhenTheRebuiltCredentialsCannotBeLoadedEither() {
        unloadableBuilds = 2;

        GatewayException error = catchThrowableOfType(
                GatewayException.class, () -> backend.converse(ACME.targets().get(0), MODEL, REQUEST));

        assertThat(error.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(error.getMessage()).contains("(role " + ROLE + ")", "could not be loaded");
        assertThat(runtime.keysSeen).isEmpty();
        assertThat(builds).hasValue(2);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
        "ThrottlingException,   429, RATE_LIMITED",
        "AccessDeniedException, 403, PERMISSION_DENIED",
        "ValidationException,   400, INVALID_REQUEST"
    })
    void doesNotRebuildCredentialsOrRetryWhenBedrockFailsForAnotherReason(String type, int status, ErrorKind kind) {
        runtime.answer = key -> awsError(type, status);

        GatewayException error = catchThrowableOfType(
                GatewayException.class, () -> backend.converse(ACME.targets().get(0), MODEL, REQUEST));

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.upstreamErrorType()).isEqualTo(type);
        assertThat(error.getMessage()).isEqualTo(type + " from Bedrock");
        assertThat(runtime.keysSeen).containsExactly("AKID1");
        assertThat(builds).hasValue(1);
    }

    @Test
    void reportsARetryThatFailsForAnotherReasonAsThatFailure() {
        runtime.answer = key ->
                key.equals("AKID1") ? awsError("ExpiredTokenException", 403) : awsError("ThrottlingException", 429);

        GatewayException error = catchThrowableOfType(
                GatewayException.class, () -> backend.converse(ACME.targets().get(0), MODEL, REQUEST));

        assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(error.upstreamErrorType()).isEqualTo("ThrottlingException");
        assertThat(runtime.keysSeen).containsExactly("AKID1", "AKID2");
    }

    private static BedrockChatBackend backend(BedrockRuntimeClient runtime, TenantCredentials credentials) {
        TenantBedrockClients clients = mock(TenantBedrockClients.class);
        when(clients.of(ACME.targets().get(0)))
                .thenReturn(new TenantBedrockClients.TenantClient(
                        runtime, mock(BedrockRuntimeAsyncClient.class), Region.US_EAST_1, credentials));
        return new BedrockChatBackend(
                clients,
                Runnable::run,
                new BedrockObservations(new StaticListableBeanFactory().getBeanProvider(ObservationRegistry.class)));
    }

    /** TenantCredentials keeps its constructor to its package; the test builds one around its own factory. */
    private static TenantCredentials credentials(Supplier<AwsCredentialsProvider> factory) {
        try {
            return BeanUtils.instantiateClass(
                    TenantCredentials.class.getDeclaredConstructor(String.class, String.class, Supplier.class),
                    "role " + ROLE,
                    "check that the gateway's own identity may assume " + ROLE,
                    factory);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static RuntimeException awsError(String type, int status) {
        return BedrockRuntimeException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(type)
                        .errorMessage(type + " from Bedrock")
                        .build())
                .build();
    }

    /** Bedrock Runtime as the backend calls it: resolves the tenant's credentials per call, as the signer does. */
    private static final class FakeRuntime implements BedrockRuntimeClient {

        private final AwsCredentialsProvider credentials;
        private final List<String> keysSeen = new ArrayList<>();
        /** The failure for calls signed with an access key, or null to answer. */
        private Function<String, @Nullable RuntimeException> answer = key -> null;

        FakeRuntime(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
        }

        @Override
        public ConverseResponse converse(ConverseRequest request) {
            String key = credentials.resolveCredentials().accessKeyId();
            keysSeen.add(key);
            RuntimeException failure = answer.apply(key);
            if (failure != null) {
                throw failure;
            }
            return ConverseResponse.builder()
                    .output(output -> output.message(message -> message.role(ConversationRole.ASSISTANT)
                            .content(software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText(
                                    "Signed with " + key))))
                    .stopReason(StopReason.END_TURN)
                    .usage(usage -> usage.inputTokens(3).outputTokens(4).totalTokens(7))
                    .build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {}
    }
}
