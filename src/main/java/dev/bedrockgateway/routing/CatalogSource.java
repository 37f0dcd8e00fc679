package dev.bedrockgateway.routing;

import java.util.List;

/**
 * What discovery learns from Bedrock: which system-defined inference profiles exist (ListInferenceProfiles) and
 * what each foundation model does (ListFoundationModels).
 */
public interface CatalogSource {

    /**
     * Lists system-defined inference-profile IDs, all pages.
     *
     * @throws RuntimeException when Bedrock cannot be asked; the catalog then keeps what it has
     */
    List<String> systemInferenceProfileIds();

    /**
     * What Bedrock says of each foundation model it serves for text or embeddings: whether it streams, whether it
     * reads images, whether its plain ID serves on demand; the fields it does not report are unset.
     *
     * @throws RuntimeException when Bedrock cannot be asked; the catalog then keeps what it has
     */
    List<CapabilityOverride> foundationModels();
}
