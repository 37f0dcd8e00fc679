package dev.bedrockgateway.api;

import dev.bedrockgateway.observability.RecordedSpans;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.tenant.ApiKeys;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@link GatewayIntegrationTest} with the settings an operator would change, all in one Spring context that
 * every class needing one of them shares: each setting of its own would cost a context (an application start)
 * per class. Each is chosen so that it changes nothing the other classes here rely on:
 *
 * <ul>
 *   <li>a 1 KB body limit (every other body sent here is smaller) and a 200 ms stream keep-alive (only streams
 *       silent for longer see a comment);
 *   <li>a second tenant, {@code metrics-other}, and the aliases {@code metrics-alias}, {@code claude-haiku} and
 *       {@code openai/gpt-4o};
 *   <li>{@code openai.gpt-5.5}, declared as a model Bedrock serves only through its Responses endpoint;
 *   <li>a third tenant, {@code flex-no-geography}, that rewrites no model ID ({@code geography: none}) and runs at
 *       the flex service tier where a model offers it;
 *   <li>management endpoints other than health closed on the API port, opened by {@link #MANAGEMENT_TOKEN}, and
 *       health showing its components and details;
 *   <li>{@link RecordedSpans}, which keeps the sampled spans (other classes' calls are sampled at 10% and never
 *       send a sampled {@code traceparent}, so it stays small).
 * </ul>
 *
 * <p>Add a setting here, rather than a {@code @TestPropertySource} to a test class, when it leaves the other
 * classes' assertions true; a class that adds its own properties gets a context of its own again.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@GatewayIntegrationTest
@Import(RecordedSpans.class)
@TestPropertySource(
        properties = {
            "gateway.api.max-body-size=" + ConfiguredGateway.MAX_BODY_SIZE + "B",
            "gateway.api.stream-keep-alive=200ms",
            "gateway.tenants.metrics-other.api-keys[0]=" + ConfiguredGateway.OTHER_TENANT_KEY,
            "gateway.routing.aliases.metrics-alias=amazon.nova-lite-v1:0",
            "gateway.routing.aliases.claude-haiku=anthropic.claude-3-5-haiku-20241022-v1:0",
            "gateway.routing.aliases[openai/gpt-4o]=bedrock/us.amazon.nova-pro-v1:0",
            "gateway.tenants.flex-no-geography.api-keys[0]=" + ConfiguredGateway.FLEX_TENANT_KEY,
            "gateway.tenants.flex-no-geography.geography=none",
            "gateway.tenants.flex-no-geography.service-tier=flex",
            "gateway.routing.model-capabilities[0].model=openai.gpt-5.5",
            "gateway.routing.model-capabilities[0].apis=responses",
            "gateway.management.open-on-api-port=false",
            "gateway.management.token=" + ApiKeys.SHA256_PREFIX + ConfiguredGateway.MANAGEMENT_TOKEN_SHA256,
            "management.endpoint.health.show-components=always",
            "management.endpoint.health.show-details=always"
        })
public @interface ConfiguredGateway {

    /** {@code gateway.api.max-body-size} in bytes: 1 KB. */
    int MAX_BODY_SIZE = 1024;

    /** The API key of the second tenant, {@code metrics-other}. */
    String OTHER_TENANT_KEY = "metrics-other-key";

    /** The API key of {@code flex-no-geography}. */
    String FLEX_TENANT_KEY = "flex-no-geography-key";

    /** The bearer token that opens management endpoints other than health on the API port. */
    String MANAGEMENT_TOKEN = "ops-scrape-token-5b1e";

    /** SHA-256 of {@link #MANAGEMENT_TOKEN}, as an operator would configure it. */
    String MANAGEMENT_TOKEN_SHA256 = "afa2cb65426de9b3d9f0bdb6bfa1cc9ee88250fc6966495fbeabd1cf6cb3616f";
}
