package dev.bedrockgateway.api;

import java.io.IOException;

/** Thrown while reading a request body that exceeds {@code gateway.api.max-body-size}. */
class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("The request body exceeds the limit of " + limit + " bytes");
    }

    @Override
    public String getMessage() {
        return String.valueOf(super.getMessage());
    }
}
