package dev.bedrockgateway.api;

import java.util.List;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets controllers declare the calling {@code Tenant}, or the whole {@code ChatCall}, as a parameter, and
 * sends JSON answers with a {@code Content-Length} (in place of Spring Boot's JSON converter).
 */
@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new TenantArgumentResolver());
        resolvers.add(new ChatCallArgumentResolver());
    }

    /**
     * Takes the JSON converter's place in the list (a converter bean would go first, ahead of the byte and
     * string converters); ordered after Spring Boot's own JSON customizer (order 0), which it replaces.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer sizedJsonConverter(JsonMapper mapper) {
        return builder -> builder.withJsonConverter(new SizedJsonHttpMessageConverter(mapper));
    }
}
