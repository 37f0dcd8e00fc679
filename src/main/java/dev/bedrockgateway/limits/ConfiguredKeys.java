package dev.bedrockgateway.limits;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Reads a map whose keys are globs or model IDs ({@code "*opus*"}, {@code anthropic.claude-opus-4-5-20251101-v1:0})
 * straight from the property sources. Spring's binder drops {@code *} and {@code :} from map keys not written in
 * brackets, and splits keys at dots, which would turn {@code "*opus*"} into {@code opus}; here the key is whatever
 * stands between the map's prefix and one of its known fields, with or without brackets.
 */
final class ConfiguredKeys {

    private ConfiguredKeys() {}

    /**
     * The entries under {@code prefix}, each a map of field (in kebab case) to value as text.
     *
     * @param prefix the map's property, e.g. {@code gateway.tenants.team-a.limits.models}
     * @param fields the fields an entry may have, in kebab case
     */
    static Map<String, Map<String, String>> read(
            ConfigurableEnvironment environment, String prefix, List<String> fields) {
        Map<String, Map<String, String>> entries = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String name : enumerable.getPropertyNames()) {
                if (!name.startsWith(prefix + ".") && !name.startsWith(prefix + "[")) {
                    continue;
                }
                String rest = name.substring(prefix.length());
                for (String field : fields) {
                    String key = keyBefore(rest, field);
                    if (key != null) {
                        Object value = enumerable.getProperty(name);
                        // The first source wins, as in Spring's own precedence order.
                        entries.computeIfAbsent(key, k -> new LinkedHashMap<>())
                                .putIfAbsent(field, String.valueOf(value).strip());
                    }
                }
            }
        }
        return entries;
    }

    /** The key in {@code .KEY.field} or {@code [KEY].field} (field in kebab or camel case), else null. */
    private static @Nullable String keyBefore(String rest, String field) {
        for (String written : List.of(field, camel(field))) {
            String suffix = "." + written;
            if (rest.endsWith(suffix) && rest.length() > suffix.length() + 1) {
                String key = rest.substring(0, rest.length() - suffix.length());
                key = key.startsWith(".") ? key.substring(1) : key;
                if (key.startsWith("[") && key.endsWith("]")) {
                    key = key.substring(1, key.length() - 1);
                }
                return key.isEmpty() ? null : key;
            }
        }
        return null;
    }

    private static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
