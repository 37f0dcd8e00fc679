package dev.bedrockgateway.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fakes the two AWS identity calls tenants' credentials make, so they run offline against the same
 * server: STS AssumeRole (Query protocol in, XML out) and the IAM Identity Center portal's
 * GetRoleCredentials ({@code GET /federation/credentials}). Every answer issues new, numbered keys, so a
 * test can tell which credentials signed a later Bedrock call.
 */
final class IdentityResponder {

    static final String ASSUME_ROLE = "sts:AssumeRole";
    static final String GET_ROLE_CREDENTIALS = "sso:GetRoleCredentials";

    private final SimulatorState state;
    private final JsonMapper json;

    IdentityResponder(SimulatorState state, JsonMapper json) {
        this.state = state;
        this.json = json;
    }

    /** The identity operation this request is, or null. */
    static @Nullable String operation(String method, String rawPath, String body) {
        if ("POST".equalsIgnoreCase(method) && "/".equals(rawPath) && form(body).containsKey("Action")) {
            return "sts:" + form(body).get("Action");
        }
        if ("GET".equalsIgnoreCase(method) && "/federation/credentials".equals(rawPath)) {
            return GET_ROLE_CREDENTIALS;
        }
        return null;
    }

    /** The XML body of an AssumeRole answer. */
    byte[] assumeRole(String body) {
        Map<String, String> form = form(body);
        int n = state.nextCredentialNumber();
        String session = form.getOrDefault("RoleSessionName", "session");
        String roleArn = form.getOrDefault("RoleArn", "arn:aws:iam::000000000000:role/unknown");
        Instant expiration = Instant.now().plus(state.stsCredentialValidity()).truncatedTo(ChronoUnit.SECONDS);
        String xml = """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <Credentials>
                      <AccessKeyId>%s</AccessKeyId>
                      <SecretAccessKey>sts-secret-%d</SecretAccessKey>
                      <SessionToken>sts-session-token-%d</SessionToken>
                      <Expiration>%s</Expiration>
                    </Credentials>
                    <AssumedRoleUser>
                      <Arn>%s/%s</Arn>
                      <AssumedRoleId>AROASIMULATOR:%s</AssumedRoleId>
                    </AssumedRoleUser>
                  </AssumeRoleResult>
                  <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
                </AssumeRoleResponse>
                """.formatted(
                        keyId("ASIASTS", n),
                        n,
                        n,
                        expiration,
                        roleArn.replace(":role/", ":assumed-role/"),
                        session,
                        session,
                        UUID.randomUUID());
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON answer of GetRoleCredentials; the portal refuses a request without an access token. */
    ObjectNode roleCredentials(String rawQuery, String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            throw new FaultException(
                    new SimulatorFault("UnauthorizedException", 401, "Session token not found or invalid"));
        }
        Map<String, String> query = form(rawQuery);
        int n = state.nextCredentialNumber();
        ObjectNode answer = json.createObjectNode();
        answer.putObject("roleCredentials")
                .put("accessKeyId", keyId("ASIASSO", n))
                .put("secretAccessKey", "sso-secret-" + n)
                .put("sessionToken", "sso-session-token-" + n + "-" + query.getOrDefault("role_name", "role"))
                .put("expiration", Instant.now().plusSeconds(3600).toEpochMilli());
        return answer;
    }

    private static String keyId(String prefix, int n) {
        return prefix + String.format("%09d", n);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
