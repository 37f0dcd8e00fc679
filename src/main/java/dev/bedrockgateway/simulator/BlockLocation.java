package dev.bedrockgateway.simulator;

/**
 * Where a value sits in a Converse request, in the two spellings Bedrock uses in its messages: its own
 * sentences count from 0 ({@code messages.0.content.1.image}), while Coral's constraint messages count
 * list items from 1 and name them {@code member} ({@code messages.1.member.content.2.member.image}).
 *
 * @param plain the 0-based spelling
 * @param member the 1-based Coral spelling
 */
record BlockLocation(String plain, String member) {

    /** The content block {@code messages[messageIndex].content[blockIndex]}. */
    static BlockLocation contentBlock(int messageIndex, int blockIndex) {
        return new BlockLocation(
                "messages." + messageIndex + ".content." + blockIndex,
                "messages." + (messageIndex + 1) + ".member.content." + (blockIndex + 1) + ".member");
    }

    /** Item {@code index} of the top-level list {@code name} ({@code system}, {@code toolConfig.tools}). */
    static BlockLocation listItem(String name, int index) {
        return new BlockLocation(name + "." + index, name + "." + (index + 1) + ".member");
    }

    /** A member of the structure at this location. */
    BlockLocation child(String name) {
        return new BlockLocation(plain + "." + name, member + "." + name);
    }

    /** Item {@code index} of the list member {@code name} of the structure at this location. */
    BlockLocation item(String name, int index) {
        return new BlockLocation(plain + "." + name + "." + index, member + "." + name + "." + (index + 1) + ".member");
    }
}
