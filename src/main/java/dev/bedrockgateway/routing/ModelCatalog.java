package dev.bedrockgateway.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in catalog of foundation models, read once at startup from {@code model-catalog.json}
 * (a resource file, so updating the list needs no code change).
 */
@Component
public class ModelCatalog {

    static final String RESOURCE = "model-catalog.json";

    private final List<CatalogModel> models;

    ModelCatalog(JsonMapper jsonMapper) {
        this.models = load(jsonMapper);
    }

    /** Every known model, in catalog order. */
    public List<CatalogModel> models() {
        return models;
    }

    private static List<CatalogModel> load(JsonMapper jsonMapper) {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            return List.copyOf(jsonMapper.readValue(in, CatalogFile.class).models());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model catalog " + RESOURCE, e);
        }
    }

    @JsonIgnoreProperties("_comment")
    private record CatalogFile(List<CatalogModel> models) {
    }
}
