package dev.bedrockgateway.bedrock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * A test of the gateway's Bedrock side alone ({@link BedrockSide}), with authentication off (one tenant, signing
 * with the default AWS chain: the environment surefire sets) and region us-east-1. Put it on each {@code @Nested}
 * setup, not on the enclosing class, which would otherwise get a context of its own for its instance.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringJUnitConfig(BedrockSide.class)
@TestPropertySource(properties = {"gateway.auth.enabled=false", "gateway.bedrock.region=us-east-1"})
@interface BedrockSideTest {}
