package dev.bedrockgateway.simulator;

/**
 * Carries a {@link SimulatorFault} out of deep validation code to the handler, which turns it into the
 * HTTP error answer. Stack traces are skipped: this is control flow for an expected client error.
 */
final class FaultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SimulatorFault fault;

    FaultException(SimulatorFault fault) {
        super(fault.message(), null, false, false);
        this.fault = fault;
    }

    SimulatorFault fault() {
        return fault;
    }

    static FaultException validation(String message) {
        return new FaultException(SimulatorFault.validation(message));
    }

    /**
     * Coral's (Bedrock's request-model layer) wording for a shape constraint violation. Its paths count
     * list items from 1 and name them {@code member}, e.g. {@code messages.1.member.content.2.member.image}.
     */
    static FaultException constraint(String value, String path, String constraint) {
        return validation("1 validation error detected: Value " + value + " at '" + path
                + "' failed to satisfy constraint: " + constraint);
    }

    /** Bedrock's wording for a body that does not fit the request shape at all. */
    static FaultException malformed(String detail) {
        return validation("Malformed input request: " + detail + ", please reformat your input and try again.");
    }

    /** How Bedrock wraps an error that the model provider (here: Anthropic) reported. */
    static FaultException modelError(String detail) {
        return validation("The model returned the following errors: " + detail);
    }
}
