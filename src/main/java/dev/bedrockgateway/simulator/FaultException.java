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
}
