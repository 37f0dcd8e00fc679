package dev.bedrockgateway.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name=value} and {@code --flag} command-line arguments. */
record Arguments(Map<String, String> values) {

    static Arguments parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            int equals = arg.indexOf('=');
            if (equals < 0) {
                values.put(arg.substring(2), "true");
            } else {
                values.put(arg.substring(2, equals), arg.substring(equals + 1));
            }
        }
        return new Arguments(values);
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /**
     * {@code --name="A=1 B=2"} as an ordered map; empty when not given. A pair without a name (no {@code =}, or
     * one at the start) is refused rather than silently dropped.
     */
    Map<String, String> pairs(String name, String fallback) {
        Map<String, String> pairs = new LinkedHashMap<>();
        String value = values.getOrDefault(name, fallback).trim();
        if (value.isEmpty()) {
            return pairs;
        }
        for (String pair : value.split("\\s+")) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("--" + name + " takes NAME=value pairs, not " + pair);
            }
            pairs.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return pairs;
    }

    /**
     * {@code --name=a,b} as an ordered set of names, each one of {@code allowed}; {@code fallback} when not given.
     * An unknown name is refused rather than silently skipped (a typo would drop a phase from the run).
     */
    Set<String> names(String name, String fallback, List<String> allowed) {
        Set<String> names = new LinkedHashSet<>();
        for (String value : values.getOrDefault(name, fallback).split(",")) {
            String trimmed = value.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!allowed.contains(trimmed)) {
                throw new IllegalArgumentException("--" + name + " takes names out of " + allowed + ", not " + trimmed);
            }
            names.add(trimmed);
        }
        return names;
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }
}
