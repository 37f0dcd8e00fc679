package dev.bedrockgateway.media;

import dev.bedrockgateway.chat.ImageBlock;
import dev.bedrockgateway.chat.MediaSource;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The gateway's {@link ImageSource}: decodes {@code data:} URLs and fetches {@code http(s)} URLs only from
 * hosts the operator allows ({@link RemoteImageProperties}), never following redirects, never from
 * link-local addresses (cloud metadata) and, unless allowed, not from loopback or private ones; with a size cap.
 */
@Component
public class RemoteImageFetcher implements ImageSource {

    private final RemoteImageProperties properties;
    private final HttpClient http;

    RemoteImageFetcher(RemoteImageProperties properties) {
        this.properties = properties;
        // One client for the gateway's lifetime: it pools connections. Redirects could leave the allowed hosts.
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.timeout())
                .build();
    }

    @Override
    public ImageBlock resolve(String url, String field) {
        if (DataUrls.isDataUrl(url)) {
            return DataUrls.image(url, field);
        }
        URI uri = remoteUri(url, field);
        checkAddress(uri.getHost(), field);
        return fetch(uri, field);
    }

    private URI remoteUri(String url, String field) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid(field, field + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw GatewayException.invalid(field, field + " must be a data: URL or an http(s) URL");
        }
        if (properties.allowedHosts().isEmpty()) {
            throw GatewayException.invalid(
                    field,
                    field + ": this gateway does not fetch remote images; send the image "
                            + "inline as a data:image/...;base64 URL");
        }
        if (!properties.allows(uri.getHost())) {
            throw GatewayException.invalid(
                    field,
                    field + ": host '" + uri.getHost()
                            + "' is not among the hosts this gateway fetches images from; send the image inline as a data: URL");
        }
        return uri;
    }

    private void checkAddress(String host, String field) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw GatewayException.invalid(field, field + ": host '" + host + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            if (address.isLinkLocalAddress()
                    || address.isMulticastAddress()
                    || isMetadata(address)
                    || isInternal(address) && !properties.allowPrivateAddresses()) {
                throw GatewayException.invalid(
                        field,
                        field + ": host '" + host
                                + "' resolves to an internal address, which this gateway does not fetch from");
            }
        }
    }

    /** Loopback, private (RFC 1918), IPv6 unique-local (fc00::/7) or carrier-grade NAT (100.64.0.0/10). */
    static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        boolean carrierNat = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isAnyLocalAddress()
                || uniqueLocal
                || carrierNat;
    }

    /** Cloud metadata endpoints outside link-local: AWS's IPv6 fd00:ec2::254 and Alibaba's 100.100.100.200. */
    static boolean isMetadata(InetAddress address) {
        String host = address.getHostAddress();
        return host.equals("fd00:ec2:0:0:0:0:0:254") || host.equals("100.100.100.200");
    }

    private ImageBlock fetch(URI uri, String field) {
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(properties.timeout()).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw GatewayException.invalid(
                    field,
                    field + ": the image could not be fetched (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayException.invalid(field, field + ": the image fetch was interrupted");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw GatewayException.invalid(
                        field, field + ": fetching the image answered HTTP " + response.statusCode());
            }
            String format = DataUrls.formatOf(
                    mediaType(response.headers().firstValue("Content-Type").orElse(null)));
            if (format == null) {
                throw GatewayException.invalid(
                        field, field + ": the URL does not serve a png, jpeg, gif or webp image");
            }
            long max = properties.maxSize().toBytes();
            byte[] bytes = body.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > max) {
                throw new GatewayException(
                        ErrorKind.PAYLOAD_TOO_LARGE,
                        field + ": the image is larger than " + max + " bytes",
                        field,
                        null);
            }
            return new ImageBlock(format, MediaSource.bytes(bytes));
        } catch (IOException e) {
            throw GatewayException.invalid(
                    field,
                    field + ": the image could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String mediaType(@Nullable String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    }
}
