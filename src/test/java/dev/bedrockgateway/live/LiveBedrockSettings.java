package dev.bedrockgateway.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * What the live suite takes from the environment: the model to call, the region and the credentials.
 *
 * <p>The credentials have variables of their own because the build's surefire configuration replaces the
 * standard ones ({@code AWS_ACCESS_KEY_ID}, {@code AWS_CONFIG_FILE}, {@code HOME}, ...) with dummies and removes
 * {@code AWS_PROFILE}, so that no other test can reach AWS. AWS profiles are not supported: with surefire's
 * {@code HOME} the SDK cannot find an SSO login's token cache. SSO users export the profile's temporary keys
 * instead ({@code aws configure export-credentials --profile NAME --format env}).
 *
 * <p>Required: {@code BEDROCK_LIVE_MODEL_ID}, {@code BEDROCK_LIVE_ACCESS_KEY_ID} and
 * {@code BEDROCK_LIVE_SECRET_ACCESS_KEY}; optional: {@code BEDROCK_LIVE_SESSION_TOKEN} and {@code BEDROCK_LIVE_REGION}
 * (default us-east-1). Run the suite with
 * {@code BEDROCK_LIVE_MODEL_ID=... BEDROCK_LIVE_ACCESS_KEY_ID=... BEDROCK_LIVE_SECRET_ACCESS_KEY=... ./mvnw test
 * -Dtest='Live*Test'}, or with the variables set, as part of any build that runs the tests.
 *
 * @param modelId what to call: an inference profile ID (for example {@code us.anthropic...}) or a model ID
 * @param region the region whose Bedrock endpoint is called
 * @param credentials the identity real Bedrock is called as
 */
record LiveBedrockSettings(String modelId, Region region, AwsCredentialsProvider credentials) {

    static final String MODEL_ID = "BEDROCK_LIVE_MODEL_ID";
    static final String REGION = "BEDROCK_LIVE_REGION";
    static final String ACCESS_KEY_ID = "BEDROCK_LIVE_ACCESS_KEY_ID";
    static final String SECRET_ACCESS_KEY = "BEDROCK_LIVE_SECRET_ACCESS_KEY";
    static final String SESSION_TOKEN = "BEDROCK_LIVE_SESSION_TOKEN";
    static final String DEFAULT_REGION = "us-east-1";

    /** How to run the suite: part of the skip message. */
    static final String HOW_TO_RUN = "set " + MODEL_ID + " (an inference profile ID of an Anthropic Claude model,"
            + " e.g. us.anthropic.claude-haiku-4-5-20251001-v1:0), " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY
            + " (plus " + SESSION_TOKEN + " for temporary keys; " + REGION + " defaults to " + DEFAULT_REGION
            + "), then run: " + MODEL_ID + "=... " + ACCESS_KEY_ID + "=... " + SECRET_ACCESS_KEY + "=..."
            + " ./mvnw test -Dtest='Live*Test'";

    /**
     * Geography prefixes of system-defined inference profiles; the same list as the gateway's
     * {@code routing.Geographies.KNOWN}, repeated so that this suite does not depend on production packages.
     */
    private static final List<String> GEOGRAPHIES = List.of("us", "eu", "apac", "us-gov", "jp", "au", "global");

    /** The required variables that are unset or blank; empty when the suite can run. */
    static List<String> missing(Map<String, String> environment) {
        List<String> missing = new ArrayList<>();
        for (String name : List.of(MODEL_ID, ACCESS_KEY_ID, SECRET_ACCESS_KEY)) {
            if (value(environment, name) == null) {
                missing.add(name);
            }
        }
        return missing;
    }

    /**
     * Reads the settings.
     *
     * @throws IllegalStateException if a required variable is missing
     */
    static LiveBedrockSettings from(Map<String, String> environment) {
        List<String> missing = missing(environment);
        String modelId = value(environment, MODEL_ID);
        String accessKeyId = value(environment, ACCESS_KEY_ID);
        String secretAccessKey = value(environment, SECRET_ACCESS_KEY);
        if (!missing.isEmpty() || modelId == null || accessKeyId == null || secretAccessKey == null) {
            throw new IllegalStateException("Missing " + missing + ": " + HOW_TO_RUN);
        }
        String region = value(environment, REGION);
        String sessionToken = value(environment, SESSION_TOKEN);
        AwsCredentials credentials = sessionToken == null
                ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken);
        return new LiveBedrockSettings(
                modelId,
                Region.of(region == null ? DEFAULT_REGION : region),
                StaticCredentialsProvider.create(credentials));
    }

    /**
     * The model ID inside a system-defined inference profile ID ({@code us.anthropic.x} gives {@code anthropic.x}),
     * or {@code null} if the configured ID has no geography prefix.
     */
    @Nullable String directModelId() {
        int dot = modelId.indexOf('.');
        return dot > 0 && GEOGRAPHIES.contains(modelId.substring(0, dot)) ? modelId.substring(dot + 1) : null;
    }

    /** Keeps the credentials out of test reports and logs. */
    @Override
    public String toString() {
        return "LiveBedrockSettings[modelId=" + modelId + ", region=" + region + "]";
    }

    private static @Nullable String value(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
