package dev.bedrockgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads golden JSON files from {@code src/test/resources/golden/}. A case is a pair of files sharing a
 * name and differing in suffix, e.g. {@code system-and-parts.openai.json} (input) and
 * {@code system-and-parts.core.json} (expected output).
 */
public final class GoldenFiles {

    private static final String ROOT = "golden/";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private GoldenFiles() {}

    /** The raw text of {@code golden/<path>}. */
    public static String text(String path) {
        try (InputStream in = GoldenFiles.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No golden file " + ROOT + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code golden/<path>} as a JSON tree. */
    public static JsonNode json(String path) {
        return MAPPER.readTree(text(path));
    }

    /** A core-model value (e.g. a ChatRequest) as the JSON tree the golden {@code *.core.json} files hold. */
    public static JsonNode coreTree(Object value) {
        return MAPPER.readTree(MAPPER.writeValueAsString(value));
    }

    /**
     * The case names in {@code golden/<folder>} that have an input file ending in {@code inputSuffix},
     * sorted; fails when there are none so a renamed folder cannot silently run zero cases.
     */
    public static List<String> cases(String folder, String inputSuffix) {
        URL url = GoldenFiles.class.getClassLoader().getResource(ROOT + folder);
        if (url == null) {
            throw new IllegalArgumentException("No golden folder " + ROOT + folder);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<String> names = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(inputSuffix))
                    .map(name -> name.substring(0, name.length() - inputSuffix.length()))
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("No golden cases *" + inputSuffix + " in " + ROOT + folder);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
