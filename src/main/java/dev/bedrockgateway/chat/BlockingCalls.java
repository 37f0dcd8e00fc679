package dev.bedrockgateway.chat;

/**
 * Bedrock calls that block the caller's thread until answered (a non-streaming call waits on the request's own
 * thread), so that a caller who goes away can have the one it waits on aborted rather than run to its end.
 */
public interface BlockingCalls {

    /** Aborts the upstream call the given thread is blocked on, if it is blocked on one; otherwise does nothing. */
    void abort(Thread waiting);
}
