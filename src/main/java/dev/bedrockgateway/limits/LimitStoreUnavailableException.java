package dev.bedrockgateway.limits;

/** The shared store could not be asked; {@code gateway.limits.on-store-failure} decides what the call gets. */
final class LimitStoreUnavailableException extends RuntimeException {

    LimitStoreUnavailableException() {
        super("The limits store cannot be reached", null, false, false);
    }
}
