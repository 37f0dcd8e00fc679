package dev.bedrockgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The probe's protocol against a scripted server (no Redis needed) and its parsing of Redis's INFO text. */
@Timeout(10)
class RedisProbeTest {

    private static final String COMMANDSTATS = """
            # Commandstats\r
            cmdstat_ping:calls=12,usec=30,usec_per_call=2.50,rejected_calls=0,failed_calls=0\r
            cmdstat_evalsha:calls=2000,usec=31000,usec_per_call=15.50,rejected_calls=0,failed_calls=1\r
            cmdstat_eval:calls=3,usec=150,usec_per_call=50.00,rejected_calls=0,failed_calls=0\r
            """;

    private ServerSocket server;
    private final List<String> received = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void commandStatsWhenInfoListsCommandsThenReadsCallsAndMicrosByName() {
        Map<String, RedisProbe.CommandStats> stats = RedisProbe.commandStats(COMMANDSTATS);

        assertThat(stats).containsOnlyKeys("ping", "evalsha", "eval");
        assertThat(stats.get("evalsha")).isEqualTo(new RedisProbe.CommandStats(2000, 31000));
        assertThat(stats.get("eval")).isEqualTo(new RedisProbe.CommandStats(3, 150));
    }

    @Test
    void minusWhenTakenBeforeAndAfterThenGivesTheCallsAndTimeInBetween() {
        RedisProbe.CommandStats delta = new RedisProbe.CommandStats(2000, 31000)
                .minus(new RedisProbe.CommandStats(1000, 11000));

        assertThat(delta).isEqualTo(new RedisProbe.CommandStats(1000, 20000));
        assertThat(delta.microsPerCall()).isEqualTo(20.0);
        assertThat(new RedisProbe.CommandStats(0, 0).microsPerCall()).as("no call, no division by zero").isZero();
    }

    @Test
    void processIdWhenInfoServerHasOneThenReadsIt() {
        assertThat(RedisProbe.processId("# Server\r\nredis_version:7.0.15\r\nprocess_id:4242\r\ntcp_port:6379\r\n"))
                .isEqualTo(4242);
        assertThat(RedisProbe.processId("# Server\r\n")).isEqualTo(-1);
    }

    @Test
    void connectWhenServerAnswersPongThenTimesPingsAndReadsSimpleBulkAndIntegerReplies() throws IOException {
        int port = serve(List.of("+PONG\r\n", "+PONG\r\n", "+PONG\r\n", "+PONG\r\n", "+PONG\r\n", "+PONG\r\n",
                "+PONG\r\n", "$12\r\nhello\r\nworld\r\n", ":7\r\n"));

        try (RedisProbe probe = RedisProbe.connect("127.0.0.1", port)) {
            PhaseResult.Percentiles ping = probe.pingMillis(5);

            assertThat(ping.p50()).isGreaterThanOrEqualTo(0);
            assertThat(ping.max()).isGreaterThanOrEqualTo(ping.p50());
            assertThat(probe.info("commandstats")).as("a bulk reply may hold CR LF").isEqualTo("hello\r\nworld");
            assertThat(probe.command("EVAL \"return 7\" 0")).isEqualTo("7");
        }
        // The connect PING, one unrecorded PING (5 / 5) and five recorded ones, then the two commands.
        assertThat(received).containsExactly("PING", "PING", "PING", "PING", "PING", "PING", "PING",
                "INFO commandstats", "EVAL \"return 7\" 0");
    }

    @Test
    void callWhenRepliesAreArraysAndNilsThenReadsThemNestedAndSendsArgumentsAsAnArray() throws IOException {
        int port = serve(List.of("+PONG\r\n", "*4\r\n:0\r\n:-1\r\n$-1\r\n*1\r\n+x\r\n", "$40\r\n"
                + "0123456789012345678901234567890123456789\r\n"));

        try (RedisProbe probe = RedisProbe.connect("127.0.0.1", port)) {
            assertThat(probe.call("EVALSHA", "abc", "1", "key:{t}", "arg with spaces"))
                    .isEqualTo(java.util.Arrays.asList("0", "-1", null, List.of("x")));
            assertThat(probe.call("SCRIPT", "LOAD", "return 1")).isEqualTo("0123456789012345678901234567890123456789");
        }
        assertThat(received).containsExactly("PING", "EVALSHA abc 1 key:{t} arg with spaces", "SCRIPT LOAD return 1");
    }

    @Test
    void timeWhenGivenCommandsThenSendsEachOnceAfterAFifthUnrecorded() throws IOException {
        int port = serve(List.of("+PONG\r\n", ":1\r\n", ":2\r\n", ":3\r\n", ":4\r\n", ":5\r\n", ":6\r\n"));
        int[] next = {0};

        try (RedisProbe probe = RedisProbe.connect("127.0.0.1", port)) {
            PhaseResult.Percentiles timed = probe.time(5, () -> new String[] {"INCR", "n" + next[0]++});

            assertThat(timed.max()).isGreaterThanOrEqualTo(timed.p50());
        }
        assertThat(received).containsExactly("PING", "INCR n0", "INCR n1", "INCR n2", "INCR n3", "INCR n4", "INCR n5");
    }

    @Test
    void connectWhenServerAnswersAnErrorThenRefusesTheProbe() throws IOException {
        int port = serve(List.of("-NOAUTH Authentication required.\r\n"));

        assertThatThrownBy(() -> RedisProbe.connect("127.0.0.1", port))
                .isInstanceOf(IOException.class).hasMessageContaining("NOAUTH");
    }

    @Test
    void connectWhenNothingListensThenThrowsInsteadOfHanging() {
        int port = Processes.freePort();

        assertThatThrownBy(() -> RedisProbe.connect("127.0.0.1", port)).isInstanceOf(IOException.class);
    }

    /** A server that reads one line per reply and writes the replies in order, on one connection. */
    private int serve(List<String> replies) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                for (String reply : replies) {
                    String line = in.readLine();
                    if (line == null) {
                        return;
                    }
                    if (line.startsWith("*")) {
                        // A RESP array: $length and argument lines, kept as the arguments joined by spaces.
                        List<String> arguments = new ArrayList<>();
                        for (int i = 0; i < Integer.parseInt(line.substring(1)); i++) {
                            in.readLine();
                            arguments.add(in.readLine());
                        }
                        line = String.join(" ", arguments);
                    }
                    synchronized (received) {
                        received.add(line);
                    }
                    out.write(reply.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // the test closed the server
            }
        }, "fake-redis");
        thread.setDaemon(true);
        thread.start();
        return server.getLocalPort();
    }
}
