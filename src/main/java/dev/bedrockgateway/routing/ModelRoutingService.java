package dev.bedrockgateway.routing;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Decides which model ID Bedrock receives for the name a caller wrote. Every surface goes through it,
 * and the answer is what the {@code x-gateway-bedrock-model-id} response header shows. The rules, in order:
 * strip {@code bedrock/}; resolve an alias; pass ARNs and geography-prefixed inference-profile IDs through
 * (checking the caller's allowed geographies); rewrite a direct foundation-model ID to the inference profile
 * of the caller's geography when the catalog has one; otherwise send it as it is, with the profile as a
 * self-healing fallback.
 */
@Service
public class ModelRoutingService {

    /** Bedrock's own limit on {@code modelId} (ConversationalModelId in the service model). */
    static final int MAX_MODEL_ID_LENGTH = 2048;

    static final String ACCEPTED_FORMS = "a Bedrock model ID (anthropic.claude-3-5-haiku-20241022-v1:0), "
            + "an inference profile ID (us.anthropic.claude-3-5-haiku-20241022-v1:0), an ARN, "
            + "any of these prefixed with bedrock/, or a configured alias";

    private static final String BEDROCK_PREFIX = "bedrock/";
    private static final Pattern OTHER_PREFIX = Pattern.compile("[A-Za-z0-9_.-]+/");
    private static final Pattern DIRECT_ID = Pattern.compile("[A-Za-z0-9-]{1,63}\\.[A-Za-z0-9][A-Za-z0-9._:-]*");

    private final ModelCatalog catalog;
    private final RoutingProperties properties;
    /** Anthropic's API names of the catalog's Claude models: aliases every caller may use, after configured ones. */
    private final AnthropicModelNames anthropicNames;
    /** Outcome of self-healing retries, keyed by the inference profile tried: true if it served. */
    private final Map<String, Boolean> selfHealOutcomes = new ConcurrentHashMap<>();

    ModelRoutingService(ModelCatalog catalog, RoutingProperties properties) {
        this.catalog = catalog;
        this.properties = properties;
        this.anthropicNames = new AnthropicModelNames(catalog);
    }

    /**
     * Routes a caller's model name.
     *
     * @throws GatewayException 400 when the name is missing, malformed or names no model form; 403 when it
     *     would route outside the caller's allowed geographies
     */
    public ModelRoute route(@Nullable String requested, RoutingContext context) {
        EnumSet<RoutingRule> rules = EnumSet.noneOf(RoutingRule.class);
        if (requested == null || requested.isBlank()) {
            throw GatewayException.invalid("model", "model is required; write " + ACCEPTED_FORMS);
        }
        String name = requested;
        String alias = properties.aliases().get(name);
        if (alias == null && name.startsWith(BEDROCK_PREFIX)) {
            rules.add(RoutingRule.PREFIX);
            name = name.substring(BEDROCK_PREFIX.length());
            alias = properties.aliases().get(name);
        }
        if (alias == null && AnthropicModelNames.isAnthropicName(name)) {
            alias = anthropicNames.bedrockModelId(name);
        }
        if (alias != null) {
            rules.add(RoutingRule.ALIAS);
            name = alias.startsWith(BEDROCK_PREFIX) ? alias.substring(BEDROCK_PREFIX.length()) : alias;
        }
        name = checked(name, requested);
        if (alias == null
                && !name.startsWith("arn:")
                && OTHER_PREFIX.matcher(name).lookingAt()) {
            throw GatewayException.invalid(
                    "model",
                    "model '" + requested + "' has an unknown prefix '" + name.substring(0, name.indexOf('/') + 1)
                            + "'; write " + ACCEPTED_FORMS);
        }
        if (name.startsWith("arn:")) {
            return new ModelRoute(name, null, rules);
        }
        String prefix = Geographies.prefixOf(name);
        if (prefix != null) {
            requireAllowed(prefix, context);
            return new ModelRoute(name, null, rules);
        }
        if (!DIRECT_ID.matcher(name).matches()) {
            throw new GatewayException(
                    ErrorKind.NOT_FOUND,
                    "model '" + name + "' is not a known alias and not " + "a Bedrock model ID; write "
                            + ACCEPTED_FORMS,
                    "model",
                    null);
        }
        return direct(name, context, rules);
    }

    /** Records how a self-healing retry with {@link ModelRoute#selfHealModelId()} went, so later calls skip the detour. */
    public void rememberSelfHeal(ModelRoute route, boolean served) {
        if (route.selfHealModelId() != null) {
            selfHealOutcomes.put(route.selfHealModelId(), served);
        }
    }

    /** What callers can ask for in this context: catalog models and aliases, each with where it routes. */
    public List<RoutedModel> models(RoutingContext context) {
        List<RoutedModel> models = new ArrayList<>();
        for (CatalogModel model : catalog.models()) {
            routeQuietly(model.id(), context)
                    .ifPresent(id -> models.add(new RoutedModel(model.id(), model.provider(), id)));
        }
        properties
                .aliases()
                .forEach((alias, target) -> routeQuietly(alias, context)
                        .ifPresent(id -> models.add(new RoutedModel(alias, provider(id), id))));
        return models;
    }

    private ModelRoute direct(String modelId, RoutingContext context, EnumSet<RoutingRule> rules) {
        String geography = geography(context);
        if (geography == null) {
            return profileOnly(modelId, context, rules, new ModelRoute(modelId, null, rules));
        }
        requireAllowed(geography, context);
        String profile = geography + "." + modelId;
        if (catalog.hasProfile(modelId, geography)) {
            rules.add(RoutingRule.GEOGRAPHY);
            return new ModelRoute(profile, null, rules);
        }
        if ("global".equals(geography)) {
            // A model without a global profile may still have one in the caller's own geography.
            String regional = regionalGeography(context);
            if (regional != null && context.allows(regional) && catalog.hasProfile(modelId, regional)) {
                rules.add(RoutingRule.GEOGRAPHY);
                return new ModelRoute(regional + "." + modelId, null, rules);
            }
        }
        Boolean healed = selfHealOutcomes.get(profile);
        if (Boolean.TRUE.equals(healed)) {
            rules.add(RoutingRule.SELF_HEAL);
            return new ModelRoute(profile, null, rules);
        }
        return new ModelRoute(modelId, healed == null ? profile : null, rules);
    }

    /**
     * Without a geography to rewrite to ({@code none}, or a region outside every geography), a model the catalog
     * says is served only through inference profiles still goes to one: the target region's own geography's, else
     * the global one, whichever the caller may use, since its plain ID would only earn Bedrock's on-demand refusal.
     * Any other model keeps {@code otherwise}. (With a geography, a profile the catalog does not list is left to
     * self-healing rather than silently widened to {@code global}.)
     *
     * @throws GatewayException 400 when neither profile exists or the caller may use neither
     */
    private ModelRoute profileOnly(
            String modelId, RoutingContext context, EnumSet<RoutingRule> rules, ModelRoute otherwise) {
        ModelCapabilities capabilities = catalog.capabilities(modelId);
        if (capabilities == null || capabilities.onDemand()) {
            return otherwise;
        }
        String regional = regionalGeography(context);
        for (String geography : new String[] {regional, "global"}) {
            if (geography != null && context.allows(geography) && catalog.hasProfile(modelId, geography)) {
                rules.add(RoutingRule.GEOGRAPHY);
                return new ModelRoute(geography + "." + modelId, null, rules);
            }
        }
        CatalogModel model = catalog.find(modelId);
        List<String> profiles = model == null ? List.of() : model.geographies();
        throw GatewayException.invalid(
                "model",
                "model '" + modelId + "' is served only through inference profiles (" + profiles
                        + "), and none of them can be used from " + context.region()
                        + (context.allowedGeographies().isEmpty()
                                ? ""
                                : " within this caller's geographies "
                                        + context.allowedGeographies().stream()
                                                .sorted()
                                                .toList())
                        + "; send one of its profile IDs, such as " + (profiles.isEmpty() ? "us" : profiles.get(0))
                        + "." + modelId + ", from a region of that geography");
    }

    private @Nullable String geography(RoutingContext context) {
        String configured = firstSet(context.geography(), properties.defaultGeography());
        if (configured != null) {
            return Geographies.NONE.equals(configured) ? null : configured;
        }
        return regionalGeography(context);
    }

    private @Nullable String regionalGeography(RoutingContext context) {
        return geographyOf(context.region());
    }

    /**
     * The geography an AWS region belongs to ({@code gateway.routing.geography-by-region}, else the usual one), or
     * null where it has none.
     */
    public @Nullable String geographyOf(String region) {
        String mapped = properties.geographyByRegion().get(region);
        if (mapped != null) {
            return Geographies.NONE.equals(mapped) ? null : mapped;
        }
        return Geographies.fromRegion(region);
    }

    private static void requireAllowed(String geography, RoutingContext context) {
        if (!context.allows(geography)) {
            throw new GatewayException(
                    ErrorKind.PERMISSION_DENIED,
                    "model routes to geography '" + geography + "', but this caller may only use "
                            + context.allowedGeographies().stream().sorted().toList(),
                    "model",
                    null);
        }
    }

    private Optional<String> routeQuietly(String name, RoutingContext context) {
        try {
            return Optional.of(route(name, context).bedrockModelId());
        } catch (GatewayException e) {
            return Optional.empty();
        }
    }

    private String provider(String modelId) {
        String id = Geographies.prefixOf(modelId) == null ? modelId : modelId.substring(modelId.indexOf('.') + 1);
        CatalogModel model = catalog.find(id);
        if (model != null) {
            return model.provider();
        }
        int dot = id.indexOf('.');
        return dot > 0 && !id.startsWith("arn:") ? id.substring(0, dot) : "bedrock";
    }

    private static @Nullable String firstSet(@Nullable String first, @Nullable String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : null;
    }

    private static String checked(String id, String requested) {
        if (id.isBlank()) {
            throw GatewayException.invalid(
                    "model", "model '" + requested + "' names no model; write " + ACCEPTED_FORMS);
        }
        if (id.length() > MAX_MODEL_ID_LENGTH) {
            throw GatewayException.invalid(
                    "model",
                    "model is " + id.length() + " characters long; Bedrock accepts at most " + MAX_MODEL_ID_LENGTH);
        }
        if (id.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw GatewayException.invalid("model", "model must not contain whitespace or control characters");
        }
        return id;
    }
}
