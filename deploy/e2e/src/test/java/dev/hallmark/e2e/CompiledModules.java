package dev.hallmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.hallmark.deploy.local.infrastructure.HallmarkHome;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The compiled main classes of every module, imported from their {@code target/classes}: exactly
 * what the build produced, without putting the services on one classpath.
 */
final class CompiledModules {
  static final List<String> LIBRARIES =
      List.of(
          "schemas",
          "service-runtime",
          "oci-client",
          "notary-client",
          "deploy/local",
          "deploy/bench");

  private CompiledModules() {}

  static JavaClasses importAll() {
    Path root = HallmarkHome.locate();
    List<Path> classDirs =
        Stream.concat(ArchitectureTest.SERVICES.keySet().stream(), LIBRARIES.stream())
            .map(module -> root.resolve(module).resolve("target/classes"))
            .toList();
    for (Path dir : classDirs) {
      assertThat(dir)
          .as("compiled classes of %s: build the whole project (mvn verify) first", dir)
          .isDirectory();
    }
    return new ClassFileImporter().importPaths(classDirs);
  }
}
