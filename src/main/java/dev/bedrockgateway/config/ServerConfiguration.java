package dev.bedrockgateway.config;

import java.time.Clock;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Web server settings the gateway's wire formats depend on. */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

    /**
     * AWS SDKs send an ARN model ID as one path segment with its slash encoded as {@code %2F}. Tomcat
     * rejects that by default; passing it through undecoded lets Spring MVC match the segment and then
     * decode it into the path variable.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashInModelIds() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
