package dev.bedrockgateway.config;

import dev.bedrockgateway.bedrock.BedrockSimulatorConnection;
import dev.bedrockgateway.simulator.BedrockSimulator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the in-process Bedrock simulator and points the Bedrock client at it, so the gateway runs with
 * no AWS account and no network ({@code gateway.simulator.enabled=true}, set by the {@code local} profile).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("gateway.simulator.enabled")
class LocalSimulatorConfiguration {

    @Bean(destroyMethod = "close")
    BedrockSimulator bedrockSimulator(SimulatorProperties properties) {
        return BedrockSimulator.start(properties.port());
    }

    @Bean
    BedrockSimulatorConnection bedrockSimulatorConnection(BedrockSimulator simulator) {
        return new BedrockSimulatorConnection(simulator.endpoint());
    }
}
