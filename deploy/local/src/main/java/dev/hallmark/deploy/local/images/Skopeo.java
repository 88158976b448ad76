package dev.hallmark.deploy.local.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code skopeo copy} from an OCI layout to a plain-HTTP registry, bounded in time. Debian's
 * skopeo is used to push only (it is built without sigstore verification).
 */
final class Skopeo {
  static final String ENV = "HALLMARK_SKOPEO_BIN";
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private Skopeo() {}

  static String binary() {
    String configured = System.getenv(ENV);
    return configured == null || configured.isBlank() ? "skopeo" : configured;
  }

  /**
   * {@code skopeo copy --insecure-policy --dest-tls-verify=false [--all] oci:<dir>:<tag>
   * docker://<registry>/<repository>:<tag>}. The policy is skipped because this pushes an image
   * built right here (no signature to require), and a machine may lack {@code
   * /etc/containers/policy.json}.
   */
  static void copy(Path layout, String tag, String registry, String repository, boolean all) {
    List<String> command = new ArrayList<>();
    command.add(binary());
    command.add("copy");
    command.add("--insecure-policy");
    command.add("--dest-tls-verify=false");
    if (all) {
      command.add("--all");
    }
    command.add("oci:" + layout.toAbsolutePath() + ":" + tag);
    command.add("docker://" + registry + "/" + repository + ":" + tag);
    Path output = layout.resolve("skopeo.log");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not run " + binary() + " (apt-get install skopeo, or set " + ENV + ")", e);
    }
    try {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "skopeo copy to "
                + registry
                + "/"
                + repository
                + " timed out after "
                + TIMEOUT
                + tail(output));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pushing with skopeo", e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "skopeo copy to "
              + registry
              + "/"
              + repository
              + " exited with "
              + process.exitValue()
              + tail(output));
    }
  }

  private static String tail(Path output) {
    try {
      List<String> lines = Files.readAllLines(output);
      return ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
