package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** A stream's response keeps a buffer of an event or two, not the container's default for whole bodies. */
class StreamingResponsesBufferTest {

    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @AfterEach
    void forgetRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aStreamAboutToBeWrittenGetsASmallResponseBuffer() {
        response.setBufferSize(32 * 1024);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest(), response));

        StreamingResponses.smallBuffer();

        assertThat(response.getBufferSize()).isEqualTo(StreamingResponses.STREAM_BUFFER_BYTES);
    }

    @Test
    void aResponseAlreadyCommittedIsLeftAlone() {
        response.setBufferSize(32 * 1024);
        response.setCommitted(true);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest(), response));

        StreamingResponses.smallBuffer();

        assertThat(response.getBufferSize()).isEqualTo(32 * 1024);
    }

    @Test
    void outsideARequestNothingHappens() {
        StreamingResponses.smallBuffer();

        assertThat(RequestContextHolder.getRequestAttributes()).isNull();
    }
}
