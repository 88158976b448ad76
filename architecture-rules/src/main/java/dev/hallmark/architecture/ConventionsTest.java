package dev.hallmark.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the module under test against the conventions of its kind. It ships in this jar and runs
 * in every module's build: the parent pom tells surefire to scan this artifact ({@code
 * dependenciesToScan}) and passes the module's kind and classes directory as system properties
 * ({@link ModuleKind#PROPERTY}, {@link ModuleKind#CLASSES_PROPERTY}).
 */
class ConventionsTest {

  @TestFactory
  Stream<DynamicTest> module_followsTheConventionsOfItsKind() {
    ModuleKind kind = ModuleKind.valueOf(required(ModuleKind.PROPERTY).toUpperCase());
    Path classesDir = Path.of(required(ModuleKind.CLASSES_PROPERTY));
    if (!Files.isDirectory(classesDir)) {
      // A module without main classes (deploy/e2e) has nothing to check.
      return Stream.of(dynamicTest("no main classes in " + classesDir, () -> assertTrue(true)));
    }
    JavaClasses classes = new ClassFileImporter().importPath(classesDir);
    return ConventionRules.forKind(kind).stream()
        .map(rule -> dynamicTest(rule.getDescription(), () -> rule.check(classes)));
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          property + " is not set: the module's surefire configuration must pass it");
    }
    return value;
  }
}
