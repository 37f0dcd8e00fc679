package dev.bedrockgateway.routing;

import java.util.List;

/** Where discovery learns which system-defined inference profiles exist (Bedrock's ListInferenceProfiles). */
public interface InferenceProfileSource {

    /**
     * Lists system-defined inference-profile IDs, all pages.
     *
     * @throws RuntimeException when Bedrock cannot be asked; the catalog then keeps what it has
     */
    List<String> systemInferenceProfileIds();
}
