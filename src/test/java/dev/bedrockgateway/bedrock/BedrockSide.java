package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.bedrock.credentials.CredentialsProviderFactory;
import dev.bedrockgateway.chat.ChatBackend;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ChatStreamListener;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.routing.ModelRoutingService;
import dev.bedrockgateway.routing.RoutingProperties;
import dev.bedrockgateway.tenant.TenancyProperties;
import dev.bedrockgateway.tenant.Tenant;
import dev.bedrockgateway.tenant.TenantRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's Bedrock side alone, as the application wires it: {@code gateway.bedrock.*} and the tenants bound
 * from properties, {@link BedrockClientConfiguration}'s pools and clients, and {@link BedrockChatBackend} with its
 * {@link BedrockObservations}. For
 * {@code @SpringJUnitConfig(BedrockSide.class)}: a context without a web server or auto-configuration, started in
 * a fraction of a second, so a test of what reaches Bedrock, and of how a failure is classified, can have
 * properties of its own without starting an application ({@link BedrockSideTest}). The test framework caches it
 * and closes it when the JVM exits, alongside the others (closing waits out the Netty pool's two-second quiet
 * period, so a context per test method would cost two seconds each).
 *
 * <p>A {@link TestConfiguration}, so that the application's component scan in other tests never picks it up.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties({BedrockProperties.class, TenancyProperties.class, RoutingProperties.class})
@Import({
    TenantRegistry.class,
    ModelCatalog.class,
    ModelRoutingService.class,
    CredentialsProviderFactory.class,
    BedrockClientConfiguration.class,
    BedrockObservations.class,
    BedrockChatBackend.class
})
class BedrockSide {

    /** How long a test waits for a stream to end; the calls under test end in well under a second. */
    private static final Duration STREAM_END = Duration.ofSeconds(30);

    /** For the model catalog, which routing (and so the region check of each tenant's targets) reads. */
    @Bean
    JsonMapper jsonMapper() {
        return JsonMapper.builder().build();
    }

    /** Where stream events leave the SDK's threads; the application's is Spring Boot's task executor. */
    @Bean
    SimpleAsyncTaskExecutor applicationTaskExecutor() {
        return new SimpleAsyncTaskExecutor("bedrock-side-test-");
    }

    /** A one-message user request. */
    static ChatRequest request(String model, String text) {
        return new ChatRequest(
                model,
                List.of(new Message(Role.USER, List.of(ContentBlock.text(text)))),
                List.of(),
                null,
                null,
                null,
                List.of(),
                Map.of(),
                null,
                null);
    }

    /** Sends a ConverseStream call and waits for its end: the events, and the error if it failed. */
    static StreamOutcome stream(ChatBackend backend, Tenant tenant, String model, String text) throws Exception {
        List<ChatStreamEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<@Nullable GatewayException> end = new CompletableFuture<>();
        backend.converseStream(tenant.targets().get(0), model, request(model, text), new ChatStreamListener() {
            @Override
            public void onEvent(ChatStreamEvent event) {
                events.add(event);
            }

            @Override
            public void onError(GatewayException error) {
                end.complete(error);
            }

            @Override
            public void onComplete() {
                end.complete(null);
            }
        });
        GatewayException error = end.get(STREAM_END.toSeconds(), TimeUnit.SECONDS);
        return new StreamOutcome(List.copyOf(events), error);
    }

    /**
     * How a stream ended.
     *
     * @param events what reached the listener before the end
     * @param error the failure, or null if the stream completed
     */
    record StreamOutcome(
            List<ChatStreamEvent> events, @Nullable GatewayException error) {

        /** Asserts the stream failed before its first event, and returns the failure. */
        GatewayException failedBeforeTheFirstEvent() {
            assertThat(events).as("events before the stream ended").isEmpty();
            assertThat(error).as("the stream's failure").isNotNull();
            return error;
        }
    }
}
