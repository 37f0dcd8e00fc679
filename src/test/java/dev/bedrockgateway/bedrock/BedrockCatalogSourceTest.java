package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.routing.CapabilityOverride;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrock.model.FoundationModelSummary;
import software.amazon.awssdk.services.bedrock.model.ModelModality;

class BedrockCatalogSourceTest {

    @Test
    void aSummarySaysWhetherTheModelStreamsReadsImagesAndServesOnDemand() {
        CapabilityOverride discovered = BedrockCatalogSource.discovered(FoundationModelSummary.builder()
                .modelId("vendor.new-v1:0")
                .inputModalities(ModelModality.TEXT, ModelModality.IMAGE)
                .outputModalities(ModelModality.TEXT)
                .responseStreamingSupported(true)
                .inferenceTypesSupportedWithStrings("INFERENCE_PROFILE")
                .build());

        assertThat(discovered.model()).isEqualTo("vendor.new-v1:0");
        assertThat(discovered.streaming()).isTrue();
        assertThat(discovered.images()).isTrue();
        assertThat(discovered.onDemand()).as("profiles only").isFalse();
        assertThat(discovered.tools())
                .as("not reported, so left to the catalog")
                .isNull();
    }

    @Test
    void imageAndVideoModelsAreLeftOut() {
        assertThat(BedrockCatalogSource.discovered(FoundationModelSummary.builder()
                        .modelId("amazon.nova-canvas-v1:0")
                        .inputModalities(ModelModality.TEXT)
                        .outputModalities(ModelModality.IMAGE)
                        .build()))
                .isNull();
    }
}
