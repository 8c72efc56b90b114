package io.heapreel.model;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The model's package rules (docs/architecture.md): no package cycles, no Beam, Avro, Parquet or Hadoop, raw capture files at the bottom. */
class ArchitectureTest {
  private static final JavaClasses MODEL =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.heapreel.model");

  @Test
  void modelClassesAreImported() {
    // the rules below pass on nothing at all: make sure the model is there
    org.assertj.core.api.Assertions.assertThat(MODEL.containPackage("io.heapreel.model.heap")).isTrue();
    org.assertj.core.api.Assertions.assertThat(MODEL.containPackage("io.heapreel.model.capture")).isTrue();
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.heapreel.model.(**)").should().beFreeOfCycles().check(MODEL);
  }

  @Test
  void noBeamAvroParquetOrHadoop() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("org.apache.beam..", "org.apache.avro..", "org.apache.parquet..", "org.apache.hadoop..")
        .check(MODEL);
  }

  @Test
  void nothingAboveTheModel() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("io.heapreel.pipeline..", "io.heapreel.report..", "io.heapreel.cli..", "io.heapreel.testkit..")
        .check(MODEL);
  }

  @Test
  void captureIsRawFilesAndMemory() {
    noClasses().that().resideInAPackage("io.heapreel.model.capture..")
        .should().dependOnClassesThat(resideInAPackage("io.heapreel..")
            .and(not(resideInAnyPackage("io.heapreel.model.capture..", "io.heapreel.model.error..", "io.heapreel.model.flow.."))))
        .check(MODEL);
  }

  @Test
  void theUserErrorIsNeutral() {
    noClasses().that().resideInAPackage("io.heapreel.model.error..")
        .should().dependOnClassesThat(resideInAPackage("io.heapreel..").and(not(resideInAPackage("io.heapreel.model.error.."))))
        .check(MODEL);
  }

  @Test
  void theHeapIsBelowTheOpenedCapture() {
    noClasses().that().resideInAPackage("io.heapreel.model.heap..")
        .should().dependOnClassesThat().resideInAPackage("io.heapreel.model.open..")
        .check(MODEL);
  }
}
