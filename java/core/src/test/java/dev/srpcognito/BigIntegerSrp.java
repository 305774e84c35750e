package dev.srpcognito;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The benchmark's baseline: the PASSWORD_VERIFIER math written straightforwardly on
 * {@code java.math.BigInteger}, as the AuthenticationHelper.java that Java projects copy
 * does it (variable-time {@code modPow}, whose Montgomery multiplication HotSpot
 * compiles to intrinsics). Not constant-time: a baseline, never for real secrets.
 */
final class BigIntegerSrp {
    static final BigInteger N = new BigInteger(
            "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7edee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3be39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa051015728e5a8aaac42dad33170d04507a33a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864d87602733ec86a64521f2b18177b200cbbe117577a615d6c770988c0bad946e208e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff", 16);
    static final BigInteger G = BigInteger.valueOf(2);
    static final BigInteger K = new BigInteger(1, sha256(N.toByteArray(), G.toByteArray()));

    private BigIntegerSrp() {}

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(part);
            }
            return sha.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** SRP_A = g^a mod N, as hex. */
    static String srpA(BigInteger a) {
        return G.modPow(a, N).toString(16);
    }

    /**
     * PASSWORD_CLAIM_SIGNATURE: u = H(A ‖ B), x = H(salt ‖ H(pool ‖ user ‖ ":" ‖ password)),
     * S = (B − k·g^x)^(a + u·x) mod N, key = HKDF(S, u)[..16], the HMAC of the claim.
     */
    static String signature(BigInteger a, String poolName, String user, String password, String saltHex,
            String bHex, String secretBlock, String timestamp) {
        BigInteger bigA = G.modPow(a, N);
        BigInteger b = new BigInteger(bHex, 16);
        BigInteger u = new BigInteger(1, sha256(bigA.toByteArray(), b.toByteArray()));
        byte[] inner = sha256(utf8(poolName + user + ":" + password));
        BigInteger x = new BigInteger(1, sha256(new BigInteger(saltHex, 16).toByteArray(), inner));
        BigInteger base = b.subtract(K.multiply(G.modPow(x, N))).mod(N);
        BigInteger s = base.modPow(a.add(u.multiply(x)), N);
        byte[] prk = hmac(u.toByteArray(), s.toByteArray());
        byte[] key = Arrays.copyOf(hmac(prk, utf8("Caldera Derived Key"), new byte[] {1}), 16);
        byte[] claim = hmac(key, utf8(poolName), utf8(user), Base64.getDecoder().decode(secretBlock), utf8(timestamp));
        return Base64.getEncoder().encodeToString(claim);
    }
}
