package dev.bedrockgateway.bench;

/**
 * How one exchange ended, as the load generator counts it: answered, refused on purpose by the system under test
 * (shed with 503 because it is full, or refused with 429 because the caller is over a limit: both quick answers the
 * caller can retry), or an error of any other kind (another status, a broken connection, a stream without tokens).
 */
enum Outcome {
    OK,
    /** 503: the gateway's load shedding ({@code overloaded}), or anything else answering Service Unavailable. */
    SHED,
    /** 429: a tenant over its own limit, or throttling. */
    REFUSED,
    ERROR;

    /** The outcome of a complete answer with this HTTP status. */
    static Outcome of(int status) {
        return switch (status) {
            case 200 -> OK;
            case 503 -> SHED;
            case 429 -> REFUSED;
            default -> ERROR;
        };
    }
}
