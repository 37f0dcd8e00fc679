package dev.bedrockgateway.simulator;

/**
 * Thrown out of a handler to drop its connection mid-answer: the JDK's HTTP server closes the connection of a handler
 * that fails, so the client reads a stream cut short, without its last chunk.
 */
final class ConnectionDrop extends RuntimeException {

    ConnectionDrop(String modelId) {
        super("dropping the connection of a " + modelId + " stream, as scripted", null, false, false);
    }
}
