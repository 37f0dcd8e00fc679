package dev.bedrockgateway.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake Bedrock for the tests, in this JVM: one per configuration, started on first use and shared by every
 * test class that asks for it, as the benchmark shares one fake between all its systems. The fakes stop when
 * the test JVM does.
 */
final class FakeBedrockFixture {

    /** What {@link FakeBedrock#start} is given: stream length, delay before every answer, delay between deltas. */
    private record Config(int deltas, int delayMs, int deltaDelayMs) {
    }

    private static final Map<Config, FakeBedrock.Running> FAKES = new ConcurrentHashMap<>();

    private FakeBedrockFixture() {
    }

    /** The port of a running fake with this configuration. */
    static int port(int deltas, int delayMs, int deltaDelayMs) {
        return FAKES.computeIfAbsent(new Config(deltas, delayMs, deltaDelayMs), FakeBedrockFixture::start).port();
    }

    private static FakeBedrock.Running start(Config config) {
        try {
            FakeBedrock.Running fake = FakeBedrock.start(0, config.deltas(), config.delayMs(), config.deltaDelayMs(), 1);
            Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "fake-bedrock-stop"));
            return fake;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the fake Bedrock was binding", e);
        }
    }
}
