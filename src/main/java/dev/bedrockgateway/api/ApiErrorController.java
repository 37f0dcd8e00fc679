package dev.bedrockgateway.api;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's whitelabel {@code /error} for failures that never reach a controller (the
 * servlet container refusing a request, for instance), so they too answer in the caller's format.
 */
@RestController
class ApiErrorController implements ErrorController {

    private final ErrorResponses errors;

    ApiErrorController(ErrorResponses errors) {
        this.errors = errors;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : 500;
        return errors.render(request, new GatewayException(kindFor(code), messageFor(code)));
    }

    private static ErrorKind kindFor(int status) {
        return switch (status) {
            case 400 -> ErrorKind.INVALID_REQUEST;
            case 401 -> ErrorKind.UNAUTHENTICATED;
            case 403 -> ErrorKind.PERMISSION_DENIED;
            case 404 -> ErrorKind.NOT_FOUND;
            case 405 -> ErrorKind.METHOD_NOT_ALLOWED;
            case 413 -> ErrorKind.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorKind.UNSUPPORTED_MEDIA_TYPE;
            default -> ErrorKind.INTERNAL;
        };
    }

    private static String messageFor(int status) {
        return switch (status) {
            case 400 -> "The request is malformed";
            case 404 -> "No such endpoint";
            case 413 -> "The request body is too large";
            default -> status >= 500 ? "The gateway failed to handle the request" : "The request was refused";
        };
    }
}
