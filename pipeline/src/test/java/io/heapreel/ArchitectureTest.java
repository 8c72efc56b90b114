package io.heapreel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.Test;

/**
 * The layers of the whole program (docs/architecture.md): model at the bottom, the testkit and the
 * report on it, the Beam pipeline above, the command line on top; no package cycles anywhere.
 */
class ArchitectureTest {
  /** The main classes of every module: no test classes, not from the model's test jar either. */
  private static final ImportOption MAIN_CLASSES_ONLY = (Location location) ->
      ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location) && !location.contains("-tests.jar");

  private static final JavaClasses ALL =
      new ClassFileImporter().withImportOption(MAIN_CLASSES_ONLY).importPackages("io.heapreel");

  @Test
  void everyModuleIsImported() {
    for (String p : new String[] {"io.heapreel.model.heap", "io.heapreel.testkit.generate", "io.heapreel.pipeline", "io.heapreel.report", "io.heapreel.cli"}) {
      assertThat(ALL.containPackage(p)).as(p).isTrue();
    }
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.heapreel.(**)").should().beFreeOfCycles().check(ALL);
  }

  @Test
  void layers() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("model").definedBy("io.heapreel.model..")
        .layer("testkit").definedBy("io.heapreel.testkit..")
        .layer("report").definedBy("io.heapreel.report..")
        .layer("pipeline").definedBy("io.heapreel.pipeline..")
        .layer("cli").definedBy("io.heapreel.cli..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("pipeline").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("testkit").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("report").mayOnlyBeAccessedByLayers("pipeline", "cli")
        .check(ALL);
  }

  @Test
  void beamOnlyInThePipelineAndTheCommandLine() {
    noClasses().that().resideInAnyPackage("io.heapreel.model..", "io.heapreel.testkit..", "io.heapreel.report..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.beam..")
        .check(ALL);
  }

  @Test
  void modelFreeOfAvroParquetAndHadoop() {
    noClasses().that().resideInAnyPackage("io.heapreel.model..", "io.heapreel.testkit..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.avro..", "org.apache.parquet..", "org.apache.hadoop..")
        .check(ALL);
  }
}
