package dev.bedrockgateway.api;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns Jackson's parse and binding failures into messages a caller can act on: the field path in the
 * caller's own names and what was expected, without Java class names.
 */
final class JsonErrors {

    private JsonErrors() {}

    /**
     * The offending field as {@code messages[0].role}, or null for the body as a whole. A syntax error
     * belongs to the body, not to the field the parser happened to be in.
     */
    static @Nullable String path(JacksonException e) {
        if (e instanceof StreamReadException) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    static String describe(JacksonException e) {
        if (e instanceof StreamReadException) {
            TokenStreamLocation location = e.getLocation();
            String where =
                    location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            return "The request body is not valid JSON" + where;
        }
        String path = path(e);
        String field = path == null ? "The request body" : "'" + path + "'";
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "extraneous key [" + unknown.getPropertyName() + "] is not permitted"
                    + (path == null || path.equals(unknown.getPropertyName()) ? "" : " (at '" + path + "')");
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return field + " must be " + expected(mismatch.getTargetType());
        }
        return field + " is invalid";
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(constant -> constant.toString().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ", "[", "]"));
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray() || type == List.class) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "of a different type";
    }
}
