package dev.bedrockgateway.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * A test of the whole gateway over real HTTP on a random port, in the {@code local} profile: the real
 * AWS SDK client talks to the in-process Bedrock simulator. Inject {@link GatewayClient} to call the
 * gateway and {@code BedrockSimulator} to script and inspect Bedrock; the simulator is reset before
 * each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@Import(GatewayClient.class)
@TestExecutionListeners(
        listeners = ResetSimulatorListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface GatewayIntegrationTest {}
