package dev.bedrockgateway.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;

/**
 * The models to try after a model Bedrock could not serve ({@code gateway.routing.fallbacks}): keyed by the name
 * callers write (an alias, an Anthropic name) or by a Bedrock model ID. Read straight from the property sources, as
 * Spring's binder would split {@code anthropic.claude-opus-4-5-20251101-v1:0} at its dots and drop its colon.
 */
@Component
public class FallbackChains {

    static final String PREFIX = "gateway.routing.fallbacks";
    /** {@code gateway.routing.fallbacks.<key>[<i>]}, the key written bare or in brackets. */
    private static final Pattern ENTRY = Pattern.compile(Pattern.quote(PREFIX) + "\\.?\\[?(.+?)\\]?\\[(\\d+)]");

    private final Map<String, List<String>> chains;

    @Autowired
    FallbackChains(ConfigurableEnvironment environment) {
        this(read(environment));
    }

    /** Chains given as they are, e.g. by a test. */
    public static FallbackChains of(Map<String, List<String>> chains) {
        return new FallbackChains(chains);
    }

    FallbackChains(Map<String, List<String>> chains) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        chains.forEach((key, chain) -> {
            for (int i = 0; i < chain.size(); i++) {
                if (chain.get(i) == null || chain.get(i).isBlank()) {
                    throw new IllegalArgumentException(PREFIX + "." + key + "[" + i + "] must name a model");
                }
                if (chain.get(i).strip().equals(key)) {
                    throw new IllegalArgumentException(PREFIX + "." + key + "[" + i
                            + "] names the model itself; a chain lists the models after it");
                }
            }
            copy.put(key, List.copyOf(chain.stream().map(String::strip).toList()));
        });
        this.chains = Map.copyOf(copy);
    }

    /**
     * The chain after a model: the one configured for the name the caller wrote, else for the Bedrock ID it routed
     * to, else for that ID's foundation model; empty where none is.
     */
    public List<String> after(String requested, String bedrockModelId) {
        List<String> chain = chains.get(requested);
        if (chain == null) {
            chain = chains.get(bedrockModelId);
        }
        if (chain == null) {
            chain = chains.get(Geographies.baseModelId(bedrockModelId));
        }
        return chain == null ? List.of() : chain;
    }

    private static Map<String, List<String>> read(ConfigurableEnvironment environment) {
        Map<String, TreeMap<Integer, String>> entries = new LinkedHashMap<>();
        Map<String, String> sourceOf = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String name : enumerable.getPropertyNames()) {
                Matcher entry = ENTRY.matcher(name);
                if (!name.startsWith(PREFIX) || !entry.matches()) {
                    continue;
                }
                // As Spring binds lists: the whole chain comes from the first source (in precedence order) that has it.
                String key = entry.group(1);
                if (sourceOf.computeIfAbsent(key, k -> source.getName()).equals(source.getName())) {
                    entries.computeIfAbsent(key, k -> new TreeMap<>())
                            .put(Integer.parseInt(entry.group(2)), String.valueOf(enumerable.getProperty(name)));
                }
            }
        }
        Map<String, List<String>> chains = new LinkedHashMap<>();
        entries.forEach((key, byIndex) -> chains.put(key, new ArrayList<>(byIndex.values())));
        return chains;
    }
}
