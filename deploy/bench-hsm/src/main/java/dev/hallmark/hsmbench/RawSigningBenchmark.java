package dev.hallmark.hsmbench;

import dev.hallmark.signer.pkcs11.PinSource;
import dev.hallmark.signer.pkcs11.Pkcs11Properties;
import dev.hallmark.signer.pkcs11.Pkcs11Token;
import dev.hallmark.signer.signers.Pkcs11Signer;
import dev.hallmark.signer.signers.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The raw rate of the signer's PKCS#11 backend: {@link Pkcs11Token} and {@link Pkcs11Signer}, the
 * classes signer-service signs with, in a JVM of their own, with no Kafka, database or HTTP around
 * them. {@code deploy/local/stack bench} runs it next to the pipeline so that the pipeline's rate
 * can be compared with what the HSM alone does. It lives in deploy/bench-hsm, which depends on
 * signer-service, so that the signer's jar carries no benchmark code.
 *
 * <pre>
 * java --add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED \
 *   -cp "deploy/bench-hsm/target/hallmark-bench-hsm.jar:deploy/bench-hsm/target/lib/*" \
 *   dev.hallmark.hsmbench.RawSigningBenchmark \
 *   --library L --token-label T --pin-file F --key-label K [--algorithm ECDSA_P256] \
 *   [--threads 2] [--seconds 3]
 * </pre>
 *
 * <p>Prints one JSON line: {@code {"algorithm":…,"threads":…,"signatures":…,"seconds":…,
 * "per_s":…}}. SoftHSM reads {@code SOFTHSM2_CONF} from the environment, as in the signer.
 */
public final class RawSigningBenchmark {
  /** Signing a cosign simple-signing payload of the usual size (about 250 bytes). */
  private static final byte[] PAYLOAD =
      ("{\"critical\":{\"identity\":{\"docker-reference\":\"127.0.0.1:15000/demo/app\"},"
              + "\"image\":{\"docker-manifest-digest\":\"sha256:"
              + "0".repeat(64)
              + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
          .getBytes(StandardCharsets.UTF_8);

  private RawSigningBenchmark() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = parse(args);
    Pkcs11Properties properties =
        new Pkcs11Properties(
            required(options, "library"),
            null,
            null,
            required(options, "token-label"),
            required(options, "pin-file"));
    SigningAlgorithm algorithm =
        SigningAlgorithm.valueOf(options.getOrDefault("algorithm", "ECDSA_P256"));
    int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
    double seconds = Double.parseDouble(options.getOrDefault("seconds", "3"));
    String label = required(options, "key-label");
    try (Pkcs11Token token =
        Pkcs11Token.open(
            properties, new PinSource(properties.pinFile(), System.getenv()), Clock.systemUTC())) {
      Pkcs11Signer signer =
          token
              .find(label, algorithm)
              .orElseThrow(() -> new IllegalArgumentException("no key '" + label + "' in token"));
      // Warm up the JIT and SunPKCS11's session pool before measuring.
      run(signer, threads, Math.min(1.0, seconds / 3));
      long start = System.nanoTime();
      long count = run(signer, threads, seconds);
      double elapsed = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "{\"algorithm\":\"%s\",\"threads\":%d,\"signatures\":%d,\"seconds\":%.3f,"
              + "\"per_s\":%.1f}%n",
          algorithm,
          threads,
          count,
          elapsed,
          count / elapsed);
    }
  }

  private static long run(Pkcs11Signer signer, int threads, double seconds)
      throws InterruptedException {
    LongAdder signatures = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread worker =
          new Thread(
              () -> {
                while (!stop.get()) {
                  signer.sign(PAYLOAD);
                  signatures.increment();
                }
              },
              "raw-signing-" + i);
      worker.start();
      workers.add(worker);
    }
    Thread.sleep((long) (seconds * 1000));
    stop.set(true);
    for (Thread worker : workers) {
      worker.join();
    }
    return signatures.sum();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }
}
