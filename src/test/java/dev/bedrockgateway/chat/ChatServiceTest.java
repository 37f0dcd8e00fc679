package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.limits.TestLimiters;
import dev.bedrockgateway.routing.RoutedModel;
import dev.bedrockgateway.routing.RoutingRule;
import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import dev.bedrockgateway.tenant.Tenant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The chat service checks the request and the tenant's permission before anything reaches Bedrock, sends the
 * routed model ID, records what it learned on the {@link ChatCall}, and heals Bedrock's on-demand refusal of a
 * direct model ID by retrying once with the inference profile, for complete and streamed answers alike.
 */
class ChatServiceTest {

    private static final String HAIKU = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final String NOVA_LITE = "amazon.nova-lite-v1:0";
    private static final Aws NO_AWS_SETTINGS = new Aws(null, null, null, null, null, null);
    private static final List<Message> HELLO = List.of(new Message(Role.USER, List.of(ContentBlock.text("Hello"))));
    /** Not in the catalog: sent as is in us-east-1, with its us profile to heal to. */
    private static final String DIRECT = "vendor.brand-new-model-v1:0";

    private static final String PROFILE = "us." + DIRECT;
    private static final GatewayException REFUSAL = GatewayException.invalid(
            null,
            "Invocation of model ID " + DIRECT + " with on-demand throughput isn\u2019t supported. Retry your request"
                    + " with the ID or ARN of an inference profile that contains this model.");
    private static final GatewayException THROTTLED =
            new GatewayException(ErrorKind.RATE_LIMITED, "Too many requests.", null, "ThrottlingException");
    private static final GatewayException NO_PROFILE =
            new GatewayException(ErrorKind.NOT_FOUND, "No such profile.", null, "ResourceNotFoundException");

    private final FakeChatBackend backend = new FakeChatBackend();
    private final ChatService service =
            new ChatService(ChatFixtures.gate(backend, TestLimiters.unlimited()), backend, ChatFixtures.catalog());
    private final ChatCall call = callOf(tenant("acme"));

    @Test
    void converseSendsTheRoutedModelIdAndRecordsRoutingAndUsageOnTheCall() {
        ChatResponse response = service.converse(call, request("bedrock/" + HAIKU));

        assertThat(backend.calls).containsExactly("acme -> us." + HAIKU);
        assertThat(response.output().text()).isEqualTo("Hello from us." + HAIKU);
        assertThat(call.requestedModel()).isEqualTo("bedrock/" + HAIKU);
        assertThat(call.bedrockModelId()).isEqualTo("us." + HAIKU);
        assertThat(call.rules()).containsExactlyInAnyOrder(RoutingRule.PREFIX, RoutingRule.GEOGRAPHY);
        assertThat(call.usage()).isEqualTo(FakeChatBackend.USAGE);
        assertThat(call.stream()).isFalse();
        assertThat(call.failure()).isNull();
    }

    @Test
    void converseRoutesInTheRegionOfTheTenantsBackendAndTheTenantsOwnGeography() {
        backend.region = "eu-central-1";
        ChatCall regional = callOf(tenant("eu-tenant"));
        ChatCall noRewrite = callOf(tenant("direct", "none"));

        service.converse(regional, request(NOVA_LITE));
        service.converse(noRewrite, request(NOVA_LITE));

        assertThat(backend.calls).containsExactly("eu-tenant -> eu." + NOVA_LITE, "direct -> " + NOVA_LITE);
        assertThat(regional.rules()).containsExactly(RoutingRule.GEOGRAPHY);
    }

    @Test
    void converseKeepsATenantToItsAllowedGeographies() {
        Tenant euOnly = new Tenant("eu-only", null, Set.of("eu"), List.of(), List.of(), NO_AWS_SETTINGS);
        ChatCall euOnlyCall = callOf(euOnly);

        GatewayException error = failure(() -> service.converse(euOnlyCall, request(NOVA_LITE)));

        assertThat(error.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(error.getMessage()).contains("'us'", "[eu]");
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void converseRefusesAnEmptyConversationBeforeCallingBedrock() {
        ChatRequest empty =
                new ChatRequest(HAIKU, List.of(), List.of(), null, null, null, List.of(), Map.of(), null, null);

        GatewayException error = failure(() -> service.converse(call, empty));

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo("messages");
        assertThat(call.failure()).isSameAs(error);
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void converseLetsATenantUseOnlyModelsWhoseNameOrRoutedIdMatchesItsGlobs() {
        ChatCall novaOnly = callOf(tenant("nova-only", null, "amazon.nova-*"));

        GatewayException error = failure(() -> service.converse(novaOnly, request("haiku")));
        service.converse(callOf(tenant("us-profiles", null, "us.*")), request("haiku"));

        assertThat(error.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(error.param()).isEqualTo("model");
        assertThat(error.getMessage()).contains("'nova-only'", "'haiku'", "[amazon.nova-*]");
        assertThat(novaOnly.failure()).isSameAs(error);
        // The alias's name matches no glob of us-profiles, but the ID it routes to does.
        assertThat(backend.calls).containsExactly("us-profiles -> us." + HAIKU);
    }

    @Test
    void converseRetriesWithTheInferenceProfileWhenBedrockRefusesTheDirectIdOnDemand() {
        backend.failures.put(DIRECT, REFUSAL);

        ChatResponse response = service.converse(call, request(DIRECT));
        service.converse(callOf(tenant("acme")), request(DIRECT));

        assertThat(response.output().text()).isEqualTo("Hello from " + PROFILE);
        assertThat(call.bedrockModelId()).isEqualTo(PROFILE);
        assertThat(call.rules()).contains(RoutingRule.SELF_HEAL);
        assertThat(call.failure()).isNull();
        // The second call goes straight to the profile: the service told routing that it served.
        assertThat(backend.calls).containsExactly("acme -> " + DIRECT, "acme -> " + PROFILE, "acme -> " + PROFILE);
    }

    @Test
    void converseThrowsBedrocksOriginalRefusalWhenTheProfileFailsToo() {
        backend.failures.put(DIRECT, REFUSAL);
        backend.failures.put(PROFILE, NO_PROFILE);

        GatewayException error = failure(() -> service.converse(call, request(DIRECT)));
        failure(() -> service.converse(callOf(tenant("acme")), request(DIRECT)));

        assertThat(error).isSameAs(REFUSAL);
        assertThat(call.failure()).isSameAs(REFUSAL);
        assertThat(call.rules()).doesNotContain(RoutingRule.SELF_HEAL);
        // The second call is sent as is and not retried: the service told routing that the profile failed.
        assertThat(backend.calls).containsExactly("acme -> " + DIRECT, "acme -> " + PROFILE, "acme -> " + DIRECT);
    }

    @Test
    void converseDoesNotRetryErrorsOtherThanTheOnDemandRefusal() {
        backend.failures.put(DIRECT, THROTTLED);

        GatewayException error = failure(() -> service.converse(call, request(DIRECT)));

        assertThat(error).isSameAs(THROTTLED);
        assertThat(call.failure()).isSameAs(THROTTLED);
        assertThat(backend.calls).containsExactly("acme -> " + DIRECT);
    }

    @Test
    void converseReportsAnUnexpectedFailureAsAnInternalErrorWithoutItsDetail() {
        backend.failures.put("us." + HAIKU, new IllegalStateException("pool state 0x7f3a"));

        GatewayException error = failure(() -> service.converse(call, request(HAIKU)));

        assertThat(error.kind()).isEqualTo(ErrorKind.INTERNAL);
        assertThat(error.getMessage()).doesNotContain("0x7f3a");
        assertThat(call.failure()).isSameAs(error);
    }

    @Test
    void converseStreamPassesEventsOnAndRecordsFirstTokenAndUsage() {
        RecordingListener caller = new RecordingListener();
        ChatStream stream = service.converseStream(call, request(HAIKU), caller);
        ChatStreamListener upstream = backend.listeners.get(0);

        upstream.onEvent(new ChatStreamEvent.MessageStart(Role.ASSISTANT));
        assertThat(call.firstTokenNanos()).isZero();
        upstream.onEvent(new ChatStreamEvent.ContentBlockDelta(0, ChatStreamEvent.ContentBlockDelta.Delta.text("Hi")));
        upstream.onEvent(new ChatStreamEvent.Metadata(FakeChatBackend.USAGE, new ChatStreamEvent.Metadata.Metrics(9)));
        upstream.onComplete();
        stream.cancel();

        assertThat(caller.calls).containsExactly("messageStart", "contentBlockDelta", "metadata", "complete");
        assertThat(call.stream()).isTrue();
        assertThat(call.firstTokenNanos()).isGreaterThanOrEqualTo(call.startNanos());
        assertThat(call.usage()).isEqualTo(FakeChatBackend.USAGE);
        assertThat(call.bedrockModelId()).isEqualTo("us." + HAIKU);
        assertThat(backend.streams.get(0).cancelled).isTrue();
    }

    @Test
    void converseStreamThrowsARoutingErrorAtOnceWithoutCallingBedrock() {
        RecordingListener caller = new RecordingListener();

        GatewayException error = failure(() -> service.converseStream(call, request("azure/gpt-4o"), caller));

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(call.failure()).isSameAs(error);
        assertThat(call.stream()).isTrue();
        assertThat(caller.calls).isEmpty();
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void converseStreamPassesAnUpstreamErrorToTheListenerAndRecordsIt() {
        RecordingListener caller = new RecordingListener();
        service.converseStream(call, request(DIRECT), caller);

        backend.listeners.get(0).onError(THROTTLED);

        assertThat(caller.calls).containsExactly(THROTTLED);
        assertThat(call.failure()).isSameAs(THROTTLED);
        assertThat(backend.calls).containsExactly("acme -> " + DIRECT);
    }

    @Test
    void converseStreamRetriesWithTheProfileWhenTheFirstStreamIsRefusedBeforeAnyEvent() {
        RecordingListener caller = new RecordingListener();
        ChatStream stream = service.converseStream(call, request(DIRECT), caller);

        backend.listeners.get(0).onError(REFUSAL);
        ChatStreamListener retry = backend.listeners.get(1);
        retry.onEvent(new ChatStreamEvent.MessageStart(Role.ASSISTANT));
        retry.onComplete();
        stream.cancel();
        service.converseStream(callOf(tenant("acme")), request(DIRECT), caller);

        assertThat(caller.calls).containsExactly("messageStart", "complete");
        assertThat(stream.bedrockModelId()).isEqualTo(PROFILE);
        assertThat(call.bedrockModelId()).isEqualTo(PROFILE);
        assertThat(call.rules()).contains(RoutingRule.SELF_HEAL);
        assertThat(call.failure()).isNull();
        assertThat(backend.streams.get(1).cancelled).isTrue();
        assertThat(backend.calls).containsExactly("acme -> " + DIRECT, "acme -> " + PROFILE, "acme -> " + PROFILE);
    }

    @Test
    void converseStreamReportsTheOriginalRefusalWhenTheProfileStreamFailsToo() {
        RecordingListener caller = new RecordingListener();
        service.converseStream(call, request(DIRECT), caller);

        backend.listeners.get(0).onError(REFUSAL);
        backend.listeners.get(1).onError(NO_PROFILE);
        service.converseStream(callOf(tenant("acme")), request(DIRECT), caller);
        backend.listeners.get(2).onError(REFUSAL);

        assertThat(caller.calls).containsExactly(REFUSAL, REFUSAL);
        assertThat(call.failure()).isSameAs(REFUSAL);
        assertThat(call.bedrockModelId()).isEqualTo(DIRECT);
        // Routing learned that the profile failed: the next stream has no profile to heal to.
        assertThat(backend.calls).containsExactly("acme -> " + DIRECT, "acme -> " + PROFILE, "acme -> " + DIRECT);
    }

    @Test
    void modelsListsOnlyWhatTheTenantMayUseRoutedForItsRegion() {
        backend.region = "eu-central-1";

        List<RoutedModel> models = service.models(tenant("nova-only", null, "amazon.nova-*"));

        assertThat(models).extracting(RoutedModel::name).isNotEmpty().allMatch(name -> name.startsWith("amazon.nova-"));
        assertThat(models).contains(new RoutedModel("amazon.nova-pro-v1:0", "amazon", "eu.amazon.nova-pro-v1:0"));
    }

    private static ChatCall callOf(Tenant tenant) {
        return new ChatCall(tenant, System.nanoTime());
    }

    private static GatewayException failure(ThrowingCallable call) {
        return catchThrowableOfType(GatewayException.class, call);
    }

    private static Tenant tenant(String id) {
        return tenant(id, null);
    }

    private static Tenant tenant(String id, String geography, String... allowedModels) {
        List<Pattern> globs = Arrays.stream(allowedModels)
                .map(glob -> Pattern.compile(glob.replace(".", "\\.").replace("*", ".*")))
                .toList();
        return new Tenant(id, geography, Set.of(), globs, List.of(allowedModels), NO_AWS_SETTINGS);
    }

    private static ChatRequest request(String model) {
        return new ChatRequest(model, HELLO, List.of(), null, null, null, List.of(), Map.of(), null, null);
    }

    /** Event types, {@code complete}, and errors as themselves, in the order they came. */
    private static final class RecordingListener implements ChatStreamListener {

        private final List<Object> calls = new ArrayList<>();

        @Override
        public void onEvent(ChatStreamEvent event) {
            calls.add(event.eventType());
        }

        @Override
        public void onError(GatewayException error) {
            calls.add(error);
        }

        @Override
        public void onComplete() {
            calls.add("complete");
        }
    }
}
