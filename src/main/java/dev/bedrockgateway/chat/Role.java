package dev.bedrockgateway.chat;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The two conversation roles Bedrock Converse knows; system text travels apart from messages. */
public enum Role {
    @JsonProperty("user")
    USER,
    @JsonProperty("assistant")
    ASSISTANT
}
