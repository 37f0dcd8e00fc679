package dev.bedrockgateway.routing;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Anthropic's own API names for Claude models ({@code claude-sonnet-4-5-20250929}, {@code claude-haiku-4-5},
 * {@code claude-3-5-haiku-latest}), which Claude Code and the Anthropic SDKs send, mapped to the Bedrock model IDs
 * of the catalog. Derived from the catalog's IDs, so a model added there is named too: a Bedrock ID
 * {@code anthropic.<name>-v<n>:<m>} gives the dated name {@code <name>}; its alias without the date (and with
 * {@code -latest}, and {@code -0} for a whole version such as {@code claude-opus-4-0}) names the newest date.
 */
@Component
public class AnthropicModelNames {

    private static final String PREFIX = "anthropic.";
    private static final Pattern BEDROCK_ID = Pattern.compile("anthropic\\.(claude-[a-z0-9-]+?)-v\\d+(?::\\d+)?");
    private static final Pattern DATED = Pattern.compile("(.+)-(\\d{8})");
    private static final Pattern WHOLE_VERSION = Pattern.compile(".*-\\d");

    private final Map<String, String> byName;

    AnthropicModelNames(ModelCatalog catalog) {
        Map<String, String> names = new HashMap<>();
        Map<String, String> aliasDates = new HashMap<>();
        for (CatalogModel model : catalog.models()) {
            Matcher id = BEDROCK_ID.matcher(model.id());
            if (!model.id().startsWith(PREFIX) || !id.matches()) {
                continue;
            }
            String name = id.group(1);
            names.put(name, model.id());
            Matcher dated = DATED.matcher(name);
            if (dated.matches()) {
                String alias = dated.group(1);
                String date = dated.group(2);
                if (date.compareTo(aliasDates.getOrDefault(alias, "")) > 0) {
                    aliasDates.put(alias, date);
                    names.put(alias, model.id());
                    names.put(alias + "-latest", model.id());
                    if (WHOLE_VERSION.matcher(alias).matches()) {
                        names.put(alias + "-0", model.id());
                    }
                }
            }
        }
        this.byName = Map.copyOf(names);
    }

    /** Whether the model is written as an Anthropic API name rather than a Bedrock ID, profile or ARN. */
    public static boolean isAnthropicName(String model) {
        return model.startsWith("claude-") && model.indexOf('.') < 0 && model.indexOf(':') < 0;
    }

    /** The Bedrock model ID of an Anthropic API name, or null for a name the catalog does not know. */
    public @Nullable String bedrockModelId(String anthropicName) {
        return byName.get(anthropicName);
    }

    /**
     * Anthropic's dated API name for a Bedrock model ID or geography profile of a catalogued Claude model
     * ({@code us.anthropic.claude-haiku-4-5-20251001-v1:0} is {@code claude-haiku-4-5-20251001}), or null.
     */
    public @Nullable String anthropicName(String modelId) {
        String base = Geographies.baseModelId(modelId);
        Matcher id = BEDROCK_ID.matcher(base);
        return id.matches() && base.equals(byName.get(id.group(1))) ? id.group(1) : null;
    }

    /**
     * Whether a Bedrock model ID, inference profile or ARN is an Anthropic model, whose body is Anthropic's
     * own Messages format on InvokeModel.
     */
    public static boolean isAnthropicModel(String modelId) {
        return modelId.contains(PREFIX) || modelId.contains("claude");
    }
}
