package dev.bedrockgateway.api;

import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** {@code gateway.api.*} as application.yml leaves it, for tests that build the web layer by hand. */
final class ApiPropertiesDefaults {

    static final ApiProperties DEFAULTS =
            new ApiProperties(DataSize.ofMegabytes(20), DataSize.ofMegabytes(16), Duration.ofSeconds(15));

    private ApiPropertiesDefaults() {}
}
