package dev.hallmark.bench;

import dev.hallmark.deploy.local.demo.DemoConfiguration;
import dev.hallmark.deploy.local.infrastructure.HallmarkHome;
import dev.hallmark.deploy.local.infrastructure.NotaryCli;
import dev.hallmark.deploy.local.infrastructure.SoftHsmToken;
import dev.hallmark.deploy.local.infrastructure.TrustPinningFile;
import dev.hallmark.deploy.local.stack.PidFile;
import dev.hallmark.deploy.local.stack.StackEnvFile;
import dev.hallmark.deploy.local.stack.StackLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The running local stack the benchmark measures, as {@code stack.env} describes it. */
record StackTarget(StackLayout layout, Map<String, String> env) {

  static StackTarget running() {
    StackLayout layout = StackLayout.of(HallmarkHome.locate(), System.getenv());
    if (!Files.isRegularFile(layout.stackEnv())) {
      throw new IllegalStateException(
          layout.stackEnv() + " is missing: start the stack first with deploy/local/stack up");
    }
    return new StackTarget(layout, StackEnvFile.read(layout.stackEnv()));
  }

  String registry() {
    return required("HALLMARK_REGISTRY");
  }

  String intakeUrl() {
    return required("HALLMARK_INTAKE_URL");
  }

  String ciToken() {
    return required("HALLMARK_CI_TOKEN");
  }

  String project() {
    return required("HALLMARK_PROJECT");
  }

  String kafkaBootstrap() {
    return required("HALLMARK_KAFKA_BOOTSTRAP");
  }

  /** The Notary v1 server; the stack runs one only when the notary packages are installed. */
  String notaryUrl() {
    String url = env.get("HALLMARK_NOTARY_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "the stack runs no Notary server (HALLMARK_NOTARY_URL is not in "
              + layout.stackEnv()
              + "); apt-get install notary, then restart with deploy/local/stack up");
    }
    return url;
  }

  /** The demo repository's GUN, {@code <registry>/demo/app}, set up when the stack started. */
  String notaryGun() {
    return required("HALLMARK_NOTARY_GUN");
  }

  /** The root key verifiers trust for the demo repository, from the trust pinning file. */
  NotaryCli.RootPin notaryRootPin() {
    String gun = notaryGun();
    Path file = Path.of(required("HALLMARK_NOTARY_TRUST_PINNING"));
    List<String> ids = TrustPinningFile.rootKeyIds(file, gun).orElse(List.of());
    if (ids.isEmpty()) {
      throw new IllegalStateException(
          "no root is pinned for " + gun + " in " + file + "; restart with deploy/local/stack up");
    }
    return new NotaryCli.RootPin(gun, ids.get(0));
  }

  /** The demo SoftHSM token, which holds the key the demo policies sign with. */
  SoftHsmToken hsmToken() {
    return SoftHsmToken.open(layout.softHsm(), DemoConfiguration.TOKEN_LABEL);
  }

  /**
   * The raw HSM benchmark's module (deploy/bench-hsm): its jar and {@code lib/}, which holds
   * signer-service's jar and what it needs.
   */
  Path hsmBenchTarget() {
    return layout.home().resolve("deploy/bench-hsm/target");
  }

  /** Every process the stack started, by component name, from {@code pids/<component>.pid}. */
  Map<String, Long> processes() {
    Map<String, Long> pids = new TreeMap<>();
    Path dir = layout.pidFile("any").getParent();
    if (!Files.isDirectory(dir)) {
      return pids;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(file -> file.getFileName().toString().endsWith(".pid"))
          .forEach(
              file ->
                  PidFile.read(file)
                      .ifPresent(
                          pid ->
                              pids.put(
                                  file.getFileName().toString().replaceFirst("\\.pid$", ""), pid)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pids;
  }

  private String required(String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          name + " is not in " + layout.stackEnv() + "; restart with deploy/local/stack up");
    }
    return value;
  }
}
