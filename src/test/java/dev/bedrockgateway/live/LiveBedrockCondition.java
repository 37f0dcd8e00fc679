package dev.bedrockgateway.live;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a live test class only when the environment names a model and credentials (see
 * {@link LiveBedrockSettings}); otherwise the whole class is skipped, before anything starts, with a message
 * that says which variables to set and how to run the suite.
 */
public final class LiveBedrockCondition implements ExecutionCondition {

    /** Surefire puts skip reasons only into its reports; the console gets the message once per test JVM. */
    private static final AtomicBoolean PRINTED = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<String> missing = LiveBedrockSettings.missing(System.getenv());
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("live Bedrock settings found");
        }
        String reason = "Live Bedrock tests skipped: " + String.join(", ", missing)
                + (missing.size() == 1 ? " is" : " are") + " not set. To run them, " + LiveBedrockSettings.HOW_TO_RUN;
        if (PRINTED.compareAndSet(false, true)) {
            System.out.println(reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
