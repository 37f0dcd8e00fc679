package dev.bedrockgateway.api;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * The one place that maps exceptions to error responses. Client mistakes become 4xx with a message
 * saying what to fix; anything unexpected becomes a 500 whose body holds only the request ID, while
 * the stack trace goes to the log.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ErrorResponses errors;

    ApiExceptionHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @ExceptionHandler(GatewayException.class)
    ResponseEntity<Object> gateway(GatewayException e, HttpServletRequest request) {
        return errors.render(request, e);
    }

    @ExceptionHandler(CompletionException.class)
    ResponseEntity<Object> completion(CompletionException e, HttpServletRequest request) {
        if (e.getCause() instanceof GatewayException gateway) {
            return errors.render(request, gateway);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return errors.render(request, new GatewayException(ErrorKind.PAYLOAD_TOO_LARGE, tooLarge.getMessage()));
            }
        }
        if (e.getCause() instanceof JacksonException jackson) {
            return json(jackson, request);
        }
        return errors.render(request, GatewayException.invalid(null, "The request body is missing or unreadable"));
    }

    @ExceptionHandler(JacksonException.class)
    ResponseEntity<Object> json(JacksonException e, HttpServletRequest request) {
        return errors.render(request, GatewayException.invalid(JsonErrors.path(e), JsonErrors.describe(e)));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        String sent = e.getContentType() == null ? "none" : "'" + e.getContentType() + "'";
        return errors.render(
                request,
                new GatewayException(
                        ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Type " + sent + " is not supported; send application/json"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return errors.render(
                request,
                new GatewayException(
                        ErrorKind.NOT_ACCEPTABLE,
                        "The Accept header names no type this endpoint produces; accept application/json"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        String allowed = e.getSupportedHttpMethods() == null
                ? ""
                : String.join(
                        ", ",
                        e.getSupportedHttpMethods().stream()
                                .map(Object::toString)
                                .toList());
        ResponseEntity<Object> response = errors.render(
                request,
                new GatewayException(
                        ErrorKind.METHOD_NOT_ALLOWED,
                        "Method " + e.getMethod() + " is not allowed here; use " + allowed));
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .header(HttpHeaders.ALLOW, allowed)
                .body(response.getBody());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> notFound(NoResourceFoundException e, HttpServletRequest request) {
        return errors.render(
                request,
                new GatewayException(
                        ErrorKind.NOT_FOUND, "No endpoint " + e.getHttpMethod() + " /" + e.getResourcePath()));
    }

    @ExceptionHandler(AsyncRequestTimeoutException.class)
    ResponseEntity<Object> asyncTimeout(AsyncRequestTimeoutException e, HttpServletRequest request) {
        return errors.render(
                request, new GatewayException(ErrorKind.UPSTREAM_TIMEOUT, "Bedrock did not answer in time"));
    }

    /** The caller went away mid-stream: nothing can be written, and it is not the gateway's failure. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void callerGone(AsyncRequestNotUsableException e) {
        log.debug("Caller disconnected: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        String id = RequestIdFilter.of(request);
        log.error("Unexpected failure of request {}", id, e);
        return errors.render(
                request,
                new GatewayException(
                        ErrorKind.INTERNAL,
                        "The gateway failed unexpectedly; quote request id " + id + " when reporting it"));
    }
}
