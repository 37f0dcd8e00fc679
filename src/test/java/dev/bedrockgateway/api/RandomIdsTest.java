package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomIdsTest {

    @Test
    void uuidWhenDrawnThenIsAVersion4UuidWithTheIetfVariant() {
        UUID uuid = UUID.fromString(RandomIds.uuid());

        assertThat(uuid.version()).isEqualTo(4);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void uuidWhenDrawnManyTimesThenNeverRepeats() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(RandomIds.uuid())).isTrue();
        }
    }
}
