package dev.bedrockgateway.simulator;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * The set-up the simulator's own tests share: one {@link BedrockSimulator} per test class, on a free
 * loopback port, reset before each test so that no test sees another's recordings, faults, delay or
 * prompt cache, and stopped when the class is done.
 *
 * <p>A test class registered with {@code @ExtendWith(SimulatorExtension.class)} declares what it needs as
 * constructor or test-method parameters: {@link BedrockSimulator} to script and inspect it, and
 * {@link BedrockRuntimeAsyncClient} for the real AWS SDK client pointed at it, configured by
 * {@link SimulatorSdkClient} and built only for a class that asks for it. Both live in the class's
 * {@link Store}, which closes them (client first) when the class finishes, whatever its tests did.
 */
final class SimulatorExtension implements BeforeEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(SimulatorExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        simulator(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == BedrockSimulator.class || type == BedrockRuntimeAsyncClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BedrockSimulator.class ? simulator(context) : client(context);
    }

    private static BedrockSimulator simulator(ExtensionContext context) {
        return classStore(context)
                .computeIfAbsent(BedrockSimulator.class, type -> BedrockSimulator.start(0), BedrockSimulator.class);
    }

    private static BedrockRuntimeAsyncClient client(ExtensionContext context) {
        BedrockSimulator simulator = simulator(context);
        // Stored after the simulator, so the store closes it before the simulator.
        return classStore(context)
                .computeIfAbsent(
                        SimulatorSdkClient.class, type -> new SimulatorSdkClient(simulator), SimulatorSdkClient.class)
                .client();
    }

    /**
     * The store of the test class, whichever context asks: a constructor's (the class's, or a test
     * method's when each test gets its own instance), a test method's or a parameterized invocation's.
     */
    private static Store classStore(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().orElseThrow();
        }
        return classContext.getStore(NAMESPACE);
    }
}
