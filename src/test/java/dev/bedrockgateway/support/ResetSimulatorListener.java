package dev.bedrockgateway.support;

import dev.bedrockgateway.simulator.BedrockSimulator;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/** Clears the simulator's recordings, faults and delay before each test, so tests never see each other. */
class ResetSimulatorListener implements TestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        testContext
                .getApplicationContext()
                .getBeanProvider(BedrockSimulator.class)
                .ifAvailable(BedrockSimulator::reset);
    }
}
