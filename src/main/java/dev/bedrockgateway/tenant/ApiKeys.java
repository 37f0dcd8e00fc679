package dev.bedrockgateway.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** API key hashing: keys are kept and compared only as SHA-256 digests. */
public final class ApiKeys {

    /** Prefix of a configured key given as its digest. */
    public static final String SHA256_PREFIX = "sha256:";

    private ApiKeys() {}

    /** SHA-256 of a presented key. */
    public static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The digest of a configured key: {@code sha256:<hex>} decoded, or a plain key hashed. */
    public static byte[] configuredDigest(String configured) {
        if (configured.startsWith(SHA256_PREFIX)) {
            byte[] digest = HexFormat.of()
                    .parseHex(configured.substring(SHA256_PREFIX.length()).trim());
            if (digest.length != 32) {
                throw new IllegalArgumentException("a sha256: key must have 64 hex digits");
            }
            return digest;
        }
        return digest(configured);
    }

    /** Whether a presented key matches a configured one, in time independent of where they differ. */
    public static boolean matches(String presented, String configured) {
        return MessageDigest.isEqual(digest(presented), configuredDigest(configured));
    }
}
