package dev.bedrockgateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The Redis the gateway counts limits in, seen from the runner over one plain socket (RESP, no client library): is
 * it there, how long a round trip takes, one at a time as a call's admission waits for one ({@code PING}, and the
 * gateway's own admission script with a call's keys and arguments), and how much of Redis's own time the gateway's
 * scripts took ({@code INFO commandstats}).
 */
final class RedisProbe implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RedisProbe(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** A probe connected to {@code host:port}; throws when nothing answers {@code PING} within a second. */
    static RedisProbe connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 1_000);
        socket.setSoTimeout(1_000);
        RedisProbe probe = new RedisProbe(socket);
        String pong = probe.command("PING");
        if (!pong.equals("PONG")) {
            probe.close();
            throw new IOException("PING answered " + pong);
        }
        return probe;
    }

    /** Times {@code count} PINGs, one after the other, after {@code count / 5} unrecorded ones. */
    PhaseResult.Percentiles pingMillis(int count) throws IOException {
        return time(count, () -> new String[] {"PING"});
    }

    /**
     * Times {@code count} commands made by {@code next} (sent as RESP arrays), one after the other, after
     * {@code count / 5} unrecorded ones.
     */
    PhaseResult.Percentiles time(int count, Supplier<String[]> next) throws IOException {
        Histogram micros = new Histogram(60_000_000L, 3);
        for (int i = 0; i < count / 5; i++) {
            call(next.get());
        }
        for (int i = 0; i < count; i++) {
            String[] command = next.get();
            long start = System.nanoTime();
            call(command);
            micros.recordValue((System.nanoTime() - start) / 1_000);
        }
        return PhaseResult.Percentiles.of(micros);
    }

    /**
     * Sends a command as a RESP array (any bytes in its arguments, a script's newlines too) and returns the reply:
     * a string, a number as text, null, or a list of those.
     */
    Object call(String... arguments) throws IOException {
        StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
        for (String argument : arguments) {
            request.append('$').append(argument.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                    .append(argument).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /** {@code INFO <section>} as text. */
    String info(String section) throws IOException {
        return command("INFO " + section);
    }

    /** Sends an inline command and returns a simple or bulk string reply (an error reply throws). */
    String command(String inline) throws IOException {
        out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return String.valueOf(reply());
    }

    /** One reply: simple string, number (as text), bulk string (null when nil), array; an error throws. */
    private Object reply() throws IOException {
        int type = in.read();
        String line = readLine();
        switch (type) {
            case '+', ':':
                return line;
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] body = in.readNBytes(length);
                readLine();
                return new String(body, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                List<Object> elements = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    elements.add(reply());
                }
                return elements;
            }
            case '-':
                throw new IOException("Redis: " + line);
            default:
                throw new IOException("unexpected Redis reply type " + type);
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            line.append((char) b);
        }
        in.read(); // \n
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Calls and microseconds of one command in {@code INFO commandstats}. */
    record CommandStats(long calls, long micros) {

        CommandStats minus(CommandStats before) {
            return new CommandStats(calls - before.calls, micros - before.micros);
        }

        double microsPerCall() {
            return calls == 0 ? 0 : PhaseResult.round((double) micros / calls);
        }
    }

    /**
     * The {@code cmdstat_<name>:calls=N,usec=M,...} lines of {@code INFO commandstats}, by command name (Redis 7
     * lowercases them; {@code evalsha} is how Spring runs a script it has sent once).
     */
    static Map<String, CommandStats> commandStats(String info) {
        Map<String, CommandStats> stats = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            int colon = line.indexOf(':');
            long calls = 0;
            long micros = 0;
            for (String field : line.substring(colon + 1).split(",")) {
                int equals = field.indexOf('=');
                String name = field.substring(0, equals);
                String value = field.substring(equals + 1);
                if (name.equals("calls")) {
                    calls = Long.parseLong(value);
                } else if (name.equals("usec")) {
                    micros = Long.parseLong(value);
                }
            }
            stats.put(line.substring("cmdstat_".length(), colon), new CommandStats(calls, micros));
        }
        return stats;
    }

    /** Redis's {@code process_id} from {@code INFO server}, or -1. */
    static long processId(String info) {
        return info.lines().filter(line -> line.startsWith("process_id:")).findFirst()
                .map(line -> Long.parseLong(line.substring("process_id:".length()).trim())).orElse(-1L);
    }
}
