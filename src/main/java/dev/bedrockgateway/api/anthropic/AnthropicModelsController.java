package dev.bedrockgateway.api.anthropic;

import dev.bedrockgateway.chat.ChatService;
import dev.bedrockgateway.routing.AnthropicModelNames;
import dev.bedrockgateway.routing.RoutedModel;
import dev.bedrockgateway.tenant.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/models} as Anthropic answers it, for callers that say {@code anthropic-version}: the Claude models
 * the tenant may use, by Anthropic's names. Claude Code fills its model picker from it when it is pointed at a
 * gateway; other callers get the OpenAI list.
 */
@RestController
@Tag(name = "Anthropic")
class AnthropicModelsController {

    private static final Pattern DATED = Pattern.compile("claude-(.+)-(\\d{4})(\\d{2})(\\d{2})");

    private final ChatService chatService;
    private final AnthropicModelNames names;

    AnthropicModelsController(ChatService chatService, AnthropicModelNames names) {
        this.chatService = chatService;
        this.names = names;
    }

    @GetMapping(path = "/v1/models", headers = "anthropic-version")
    @Operation(summary = "List the Claude models the caller may use (Anthropic list format, with anthropic-version)")
    AnthropicModelList models(@Parameter(hidden = true) Tenant tenant) {
        Set<String> seen = new LinkedHashSet<>();
        for (RoutedModel model : chatService.models(tenant)) {
            String name = names.anthropicName(model.bedrockModelId());
            if (name != null) {
                seen.add(name);
            }
        }
        List<AnthropicModelList.Model> data = new ArrayList<>();
        for (String name : seen) {
            Matcher dated = DATED.matcher(name);
            if (dated.matches()) {
                data.add(new AnthropicModelList.Model(
                        "model",
                        name,
                        displayName(dated.group(1)),
                        dated.group(2) + "-" + dated.group(3) + "-" + dated.group(4) + "T00:00:00Z"));
            }
        }
        return new AnthropicModelList(
                data,
                false,
                data.isEmpty() ? null : data.get(0).id(),
                data.isEmpty() ? null : data.get(data.size() - 1).id());
    }

    /** {@code haiku-4-5} reads {@code Claude Haiku 4.5}, {@code 3-7-sonnet} reads {@code Claude 3.7 Sonnet}. */
    static String displayName(String words) {
        StringBuilder name = new StringBuilder("Claude");
        String[] parts = words.split("-");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (Character.isDigit(part.charAt(0))) {
                name.append(i > 0 && Character.isDigit(parts[i - 1].charAt(0)) ? "." : " ")
                        .append(part);
            } else {
                name.append(' ')
                        .append(part.substring(0, 1).toUpperCase(Locale.ROOT))
                        .append(part.substring(1));
            }
        }
        return name.toString();
    }
}
