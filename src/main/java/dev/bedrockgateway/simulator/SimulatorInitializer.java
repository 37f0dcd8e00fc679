package dev.bedrockgateway.simulator;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Plugs the simulator into an application from outside when {@code gateway.simulator.enabled} is true (the
 * {@code local} profile sets it): starts it on {@code gateway.simulator.port} (0 picks a free one) and hands the
 * application what a real deployment would give it, and nothing else:
 *
 * <ul>
 *   <li>the endpoints, as {@code gateway.bedrock.endpoint}, {@code gateway.bedrock.control-plane-endpoint} and
 *       {@code gateway.bedrock.responses-endpoint}
 *       ahead of every other setting;
 *   <li>credentials, as the application's {@link AwsCredentialsProvider} bean: dummy keys, so a developer's real
 *       AWS identity is never looked up or sent to it;
 *   <li>{@code gateway.bedrock.auth=sigv4}, so a real Bedrock API key in {@code AWS_BEARER_TOKEN_BEDROCK} is
 *       never sent to it either.
 * </ul>
 *
 * <p>Faults scripted in {@code gateway.simulator.faults} ({@link ScriptedFault}) apply from the start, for demos.
 *
 * <p>The simulator is a bean too, so tests can script and inspect it, and it stops when the context closes.
 */
public final class SimulatorInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The property source that points the gateway at the simulator. */
    static final String PROPERTY_SOURCE = "bedrockSimulator";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.getProperty("gateway.simulator.enabled", Boolean.class, false)) {
            return;
        }
        int port = environment.getProperty("gateway.simulator.port", Integer.class, 0);
        if (port < 0 || port > 65535) {
            throw new IllegalStateException("gateway.simulator.port must be between 0 and 65535, not " + port);
        }
        BedrockSimulator simulator = BedrockSimulator.start(port);
        List<ScriptedFault> faults = Binder.get(environment)
                .bind("gateway.simulator.faults", Bindable.listOf(ScriptedFault.class))
                .orElse(List.of());
        try {
            for (int i = 0; i < faults.size(); i++) {
                faults.get(i).applyTo(simulator, "gateway.simulator.faults[" + i + "]");
            }
        } catch (RuntimeException misconfigured) {
            simulator.close();
            throw misconfigured;
        }
        String endpoint = simulator.endpoint().toString();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        PROPERTY_SOURCE,
                        Map.of(
                                "gateway.bedrock.endpoint", endpoint,
                                "gateway.bedrock.control-plane-endpoint", endpoint,
                                "gateway.bedrock.responses-endpoint", endpoint,
                                "gateway.bedrock.auth", "sigv4")));
        // Bean definitions rather than registered singletons, so the simulator is closed with the other beans:
        // after the web server has drained the streams still in flight.
        BeanDefinitionRegistry beans = (BeanDefinitionRegistry) context.getBeanFactory();
        beans.registerBeanDefinition(
                "bedrockSimulator", new RootBeanDefinition(BedrockSimulator.class, () -> simulator));
        beans.registerBeanDefinition(
                "simulatorCredentials",
                new RootBeanDefinition(AwsCredentialsProvider.class, SimulatorInitializer::credentials));
    }

    private static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSIMULATOR", "simulator-secret"));
    }
}
