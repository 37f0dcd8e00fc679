package dev.bedrockgateway.config;

import java.time.Clock;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler;
import org.apache.coyote.http2.Http2AsyncUpgradeHandler;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Http2;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Web server settings the gateway's wire formats depend on. */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

    /**
     * AWS SDKs send an ARN model ID as one path segment with its slash encoded as {@code %2F}. Tomcat
     * rejects that by default; passing it through undecoded lets Spring MVC match the segment and then
     * decode it into the path variable.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashInModelIds() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    /**
     * With {@code server.http2.enabled}, serves HTTP/2 with {@link GracefulGoawayHttp2Protocol} instead of
     * the stock protocol Spring Boot would add. Runs after Spring Boot has applied {@code server.http2}
     * (an unordered customizer comes last).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> http2OutlivingClientGoaway() {
        return factory -> {
            if (factory.getHttp2() != null && factory.getHttp2().isEnabled()) {
                // Tomcat cannot remove an upgrade protocol once added: keep Spring Boot from adding its own.
                factory.setHttp2(new Http2());
                factory.addConnectorCustomizers(
                        connector -> connector.addUpgradeProtocol(new GracefulGoawayHttp2Protocol()));
            }
        };
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Tomcat's HTTP/2 (h2c with prior knowledge or by upgrade, h2 over TLS), except that a client's GOAWAY
     * without an error lets the streams in flight finish, as RFC 9113 section 6.8 has it: its sender only
     * promises to open no new streams. Tomcat closes the connection on any GOAWAY, and the AWS SDK for
     * JavaScript sends one as soon as response headers arrive on the single-use session it opens for each
     * Bedrock call: streamed answers then ended early, with no error on the client's side.
     */
    static final class GracefulGoawayHttp2Protocol extends Http2Protocol {

        private static final long NO_ERROR = 0;

        @Override
        public InternalHttpUpgradeHandler getInternalUpgradeHandler(
                SocketWrapperBase<?> socketWrapper, Adapter adapter, Request coyoteRequest) {
            if (!socketWrapper.hasAsyncIO()) {
                // Tomcat's blocking handler cannot be extended from outside its package; the NIO connector
                // uses asynchronous IO unless its useAsyncIO is turned off.
                return super.getInternalUpgradeHandler(socketWrapper, adapter, coyoteRequest);
            }
            return new Http2AsyncUpgradeHandler(this, adapter, coyoteRequest, socketWrapper) {
                @Override
                public void goaway(int lastStreamId, long errorCode, String debugData) {
                    // The client closes the connection once its streams are done; the keep-alive
                    // timeout covers one that does not.
                    if (errorCode != NO_ERROR) {
                        super.goaway(lastStreamId, errorCode, debugData);
                    }
                }
            };
        }
    }
}
