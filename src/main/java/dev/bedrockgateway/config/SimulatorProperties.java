package dev.bedrockgateway.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The local Bedrock simulator ({@code gateway.simulator.*}), on in the {@code local} profile.
 *
 * @param enabled whether to start the simulator and send every Bedrock call to it
 * @param port loopback port to listen on; 0 picks a free one
 */
@Validated
@ConfigurationProperties("gateway.simulator")
record SimulatorProperties(
        @DefaultValue("false") boolean enabled,
        @Min(0) @Max(65535) @DefaultValue("0") int port) {}
