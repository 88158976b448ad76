package dev.hallmark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.deploy.local.demo.DemoConfiguration;
import dev.hallmark.deploy.local.infrastructure.SoftHsmToken;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The raw HSM rate: runs signer-service's own PKCS#11 backend ({@code
 * dev.hallmark.hsmbench.RawSigningBenchmark}, from deploy/bench-hsm, which depends on the signer)
 * in a JVM of its own, against the demo token and the demo cosign key, and reads the JSON line it
 * prints. This module does not link the signer's classes: it measures the services from outside.
 */
final class RawHsmBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JAR = "hallmark-bench-hsm.jar";
  private static final String MAIN_CLASS = "dev.hallmark.hsmbench.RawSigningBenchmark";
  private static final String BUILD = "mvn -B -q -DskipTests package -pl deploy/bench-hsm -am";

  record Result(double perSecond, long signatures, int threads, String algorithm) {}

  private RawHsmBenchmark() {}

  static Result run(StackTarget stack, double seconds, int threads)
      throws IOException, InterruptedException {
    Path target = stack.hsmBenchTarget();
    Path jar = target.resolve(JAR);
    if (!Files.isRegularFile(jar) || !Files.isDirectory(target.resolve("lib"))) {
      throw new IllegalStateException(
          jar + " or its lib/ is missing: deploy/local/stack bench builds it (" + BUILD + ")");
    }
    SoftHsmToken token = stack.hsmToken();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classpath = jar + File.pathSeparator + target.resolve("lib").resolve("*");
    command.addAll(List.of("-Xmx128m", "-XX:+UseSerialGC", "-cp", classpath));
    // The manifest's Add-Exports applies to java -jar only; the signer reads slot lists through it.
    command.add("--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED");
    command.add(MAIN_CLASS);
    command.addAll(List.of("--library", token.library().toString()));
    command.addAll(List.of("--token-label", token.label()));
    command.addAll(List.of("--pin-file", token.pinFile().toString()));
    command.addAll(List.of("--key-label", DemoConfiguration.KEY_LABEL));
    command.addAll(List.of("--algorithm", "ECDSA_P256"));
    command.addAll(List.of("--threads", Integer.toString(threads)));
    command.addAll(List.of("--seconds", String.format(Locale.ROOT, "%.1f", seconds)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(token.environment());
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor((long) (seconds * 3 + 60), TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "raw HSM benchmark failed: " + lastLines(new String(output, StandardCharsets.UTF_8)));
    }
    String text = new String(output, StandardCharsets.UTF_8);
    String line =
        text.lines()
            .filter(l -> l.startsWith("{\"algorithm\""))
            .reduce((first, second) -> second)
            .orElseThrow(
                () -> new IllegalStateException("raw HSM benchmark printed no result: " + text));
    JsonNode result = JSON.readTree(line);
    return new Result(
        result.path("per_s").asDouble(),
        result.path("signatures").asLong(),
        result.path("threads").asInt(),
        result.path("algorithm").asText());
  }

  private static String lastLines(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
  }
}
