package dev.bedrockgateway.conversation;

import java.util.Optional;

/**
 * Where stored responses live, by tenant: a tenant reads and deletes only its own, and another tenant's ID is, to
 * it, an ID that does not exist. Entries expire after {@code gateway.responses.ttl}.
 */
public interface ConversationStore {

    /**
     * Stores a response for the tenant, replacing one with the same ID.
     *
     * @return false when the conversation is larger than {@code gateway.responses.max-bytes}, and was not stored
     */
    boolean put(String tenant, StoredConversation conversation);

    /** The tenant's response with this ID, if it has one that has not expired. */
    Optional<StoredConversation> get(String tenant, String id);

    /** Deletes the tenant's response with this ID; false when it had none. */
    boolean delete(String tenant, String id);
}
