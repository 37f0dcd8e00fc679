package dev.bedrockgateway.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one map from path to API style: which paths need an API key, which are chat calls to time and log,
 * and in whose format errors are written. Built once at startup from the {@link ApiStyle} beans plus
 * {@code /v1/chat}, which this package serves itself; the filters, the error rendering and the call
 * recording all consult it, so a new surface is one {@link ApiStyle} bean.
 */
@Component
public class RouteTable {

    /** The path {@code /v1/chat} serves, taking any {@link ChatBodyStyle}. */
    public static final String CHAT = "/v1/chat";

    private static final String ROUTE_ATTRIBUTE = RouteTable.class.getName() + ".route";
    private static final String TAG_ATTRIBUTE = RouteTable.class.getName() + ".tag";

    private final List<Route> routes;
    private final ApiStyle fallback;

    RouteTable(List<ApiStyle> styles) {
        List<ApiStyle> fallbacks = styles.stream().filter(ApiStyle::fallback).toList();
        if (fallbacks.size() != 1) {
            throw new IllegalStateException("Exactly one API style must render errors on unclaimed paths, found "
                    + fallbacks.stream().map(ApiStyle::tag).toList());
        }
        this.fallback = fallbacks.get(0);
        PathPatternParser parser = PathPatternParser.defaultInstance;
        List<Route> areas = new ArrayList<>();
        List<Route> chats = new ArrayList<>();
        for (ApiStyle style : styles) {
            style.areas().forEach(area -> areas.add(new Route(parser.parse(area), style, false)));
            style.chatPaths().forEach(path -> chats.add(new Route(parser.parse(path), style, true)));
        }
        // /v1/chat answers in the style of the area it lies in until the body says otherwise.
        PathContainer chat = PathContainer.parsePath(CHAT);
        ApiStyle chatStyle = areas.stream()
                .filter(area -> area.pattern().matches(chat))
                .map(Route::style)
                .findFirst()
                .orElse(fallback);
        chats.add(new Route(parser.parse(CHAT), chatStyle, true));
        List<Route> all = new ArrayList<>(chats);
        all.addAll(areas);
        all.sort(Comparator.comparing(Route::pattern, PathPattern.SPECIFICITY_COMPARATOR));
        this.routes = List.copyOf(all);
    }

    /**
     * The route of a request, or of the request that failed on an error dispatch; null for a path no style
     * claims. Looked up once per request.
     */
    public @Nullable Route route(HttpServletRequest request) {
        if (request.getAttribute(ROUTE_ATTRIBUTE) instanceof Route route) {
            return route;
        }
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String s ? s : request.getRequestURI();
        String contextPath = request.getContextPath();
        Route route = match(uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri);
        if (route != null) {
            request.setAttribute(ROUTE_ATTRIBUTE, route);
        }
        return route;
    }

    /** The route of a path within the application, or null. */
    @Nullable Route match(String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Route route : routes) {
            if (route.pattern().matches(container)) {
                return route;
            }
        }
        return null;
    }

    /** The style whose error shape the request's caller reads. */
    public ApiStyle errorStyle(HttpServletRequest request) {
        Route route = route(request);
        return route == null ? fallback : route.style();
    }

    /** Whether the request is a chat call: a POST to a chat path. */
    public boolean isChatCall(HttpServletRequest request) {
        Route route = "POST".equals(request.getMethod()) ? route(request) : null;
        return route != null && route.chatCall();
    }

    /** The tag the request's call is recorded under: the one a handler set, else its route's. */
    public String tag(HttpServletRequest request) {
        if (request.getAttribute(TAG_ATTRIBUTE) instanceof String tag) {
            return tag;
        }
        Route route = route(request);
        return route == null ? "other" : route.style().tag();
    }

    /** Records the style a handler found in the body, for paths such as {@code /v1/chat} that take several. */
    public static void tag(HttpServletRequest request, String tag) {
        request.setAttribute(TAG_ATTRIBUTE, tag);
    }

    /**
     * One entry of the table.
     *
     * @param pattern the paths it covers
     * @param style the style that owns them
     * @param chatCall whether a POST there is a chat call
     */
    public record Route(PathPattern pattern, ApiStyle style, boolean chatCall) {}
}
