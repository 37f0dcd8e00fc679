package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.models.Model;
import com.openai.models.models.ModelListPage;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.SdkClients;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The official OpenAI Java SDK, pointed at the gateway's {@code /v1}, must parse every answer (its
 * {@code validate()} checks that all required fields are present) and raise its own exception classes.
 */
@GatewayIntegrationTest
class OpenAiSdkCompatibilityIntegrationTest {

    private static final String NOVA_LITE = "us.amazon.nova-lite-v1:0";

    @AutoClose
    private static OpenAIClient client;

    @Autowired
    BedrockSimulator simulator;

    @BeforeAll
    static void connect(@Autowired GatewayClient gateway) {
        client = SdkClients.openAi(gateway);
    }

    @Test
    void createWhenRequestIsValidThenTheSdkParsesACompleteChatCompletion() {
        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(NOVA_LITE)
                        .addSystemMessage("Be brief.")
                        .addUserMessage("Hello SDK")
                        .maxCompletionTokens(50)
                        .build());

        completion.validate();
        assertThat(completion.id()).startsWith("chatcmpl-");
        assertThat(completion.model()).isEqualTo(NOVA_LITE);
        assertThat(completion.created()).isPositive();
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).hasValue("Simulated reply to: Hello SDK");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(4);
        assertThat(usage.completionTokens()).isEqualTo(5);
        assertThat(usage.totalTokens()).isEqualTo(9);

        assertThat(simulator.lastReceived().modelId()).isEqualTo(NOVA_LITE);
        assertThat(simulator.lastReceived().body())
                .contains("\"system\":[{\"text\":\"Be brief.\"}]")
                .contains("\"maxTokens\":50");
    }

    @Test
    void createWhenMaxCompletionTokensCutsTheAnswerThenFinishReasonIsLength() {
        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(NOVA_LITE)
                        .addUserMessage("one two three")
                        .maxCompletionTokens(2)
                        .build());

        completion.validate();
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(completion.choices().get(0).message().content()).hasValue("Simulated reply");
    }

    @Test
    void listModelsWhenCalledThenTheSdkParsesTheCatalog() {
        ModelListPage page = client.models().list();

        page.response().validate();
        List<Model> models = page.data();
        assertThat(models).hasSizeGreaterThan(1);
        assertThat(models)
                .filteredOn(model -> model.id().equals("anthropic.claude-3-5-haiku-20241022-v1:0"))
                .singleElement()
                .satisfies(model -> assertThat(model.ownedBy()).isEqualTo("anthropic"));
        assertThat(page.hasNextPage()).isFalse();
    }

    @Test
    void createWhenMessagesAreEmptyThenTheSdkRaisesBadRequestException() {
        BadRequestException failure = catchThrowableOfType(
                BadRequestException.class,
                () -> client.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model(NOVA_LITE)
                                .messages(List.of())
                                .build()));

        assertThat(failure.statusCode()).isEqualTo(400);
        assertThat(failure.getMessage()).contains("messages must contain at least one message");
        assertThat(failure.type()).hasValue("invalid_request_error");
        assertThat(failure.param()).hasValue("messages");
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void createWhenBedrockThrottlesThenTheSdkRaisesRateLimitException() {
        OpenAIServiceException failure =
                failureFor("test.throttled-v1:0", SimulatorFault.throttling(), RateLimitException.class);

        assertThat(failure.statusCode()).isEqualTo(429);
        assertThat(failure.type()).hasValue("rate_limit_error");
        assertThat(failure.code()).hasValue("ThrottlingException");
        assertThat(failure.getMessage()).contains("Too many requests, please wait before trying again.");
    }

    @Test
    void createWhenBedrockDeniesAccessThenTheSdkRaisesPermissionDeniedException() {
        OpenAIServiceException failure = failureFor(
                "test.denied-v1:0",
                SimulatorFault.accessDenied("You don't have access to the model with the specified model ID."),
                PermissionDeniedException.class);

        assertThat(failure.statusCode()).isEqualTo(403);
        assertThat(failure.code()).hasValue("AccessDeniedException");
        assertThat(failure.getMessage()).contains("You don't have access to the model with the specified model ID.");
    }

    @Test
    void createWhenBedrockDoesNotKnowTheModelThenTheSdkRaisesNotFoundException() {
        OpenAIServiceException failure = failureFor(
                "test.missing-v1:0", SimulatorFault.resourceNotFound("Model not found."), NotFoundException.class);

        assertThat(failure.statusCode()).isEqualTo(404);
        assertThat(failure.code()).hasValue("ResourceNotFoundException");
        assertThat(failure.getMessage()).contains("Model not found.");
    }

    @Test
    void createWhenBedrockFailsInternallyThenTheSdkRaisesInternalServerExceptionWith502() {
        // The SDK maps every 5xx, 502 included, to InternalServerException and keeps the real status.
        OpenAIServiceException failure = failureFor(
                "test.broken-v1:0",
                SimulatorFault.internalServer("Bedrock had an internal error."),
                InternalServerException.class);

        assertThat(failure.statusCode()).isEqualTo(502);
        assertThat(failure.type()).hasValue("api_error");
        assertThat(failure.code()).hasValue("InternalServerException");
        assertThat(failure.getMessage()).contains("Bedrock had an internal error.");
    }

    private OpenAIServiceException failureFor(
            String modelId, SimulatorFault fault, Class<? extends OpenAIServiceException> expected) {
        simulator.failRequestsFor(modelId, fault);

        OpenAIServiceException failure = catchThrowableOfType(
                expected,
                () -> client.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model(modelId)
                                .addUserMessage("hi")
                                .build()));

        assertThat(failure).as("expected %s", expected.getSimpleName()).isNotNull();
        assertThat(simulator.lastReceived().modelId()).isEqualTo(modelId);
        return failure;
    }
}
