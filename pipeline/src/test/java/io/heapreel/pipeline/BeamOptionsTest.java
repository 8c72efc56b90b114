package io.heapreel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.io.hdfs.HadoopFileSystemOptions;
import org.apache.beam.sdk.options.ApplicationNameOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.resourcehints.ResourceHintsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Beam's factory as a run without Beam arguments leaves it (its registrars hidden when it started),
 * then Beam arguments: none is refused, and the registry is what Beam makes by itself.
 */
class BeamOptionsTest {
  @BeforeEach
  void factoryStartedWithoutRegistrars() {
    BeamOptions.withRegistrarsHidden(PipelineOptionsFactory::resetCache);
  }

  @AfterEach
  void factoryAsBeamStartsIt() {
    PipelineOptionsFactory.resetCache();
  }

  @Test
  void noArgumentsGiveTheDirectRunnerWithNothingRegistered() {
    PipelineOptions options = BeamOptions.of(List.of());

    assertThat(PipelineOptionsFactory.getRegisteredOptions()).isEmpty();
    assertThat(options.getRunner()).isEqualTo(DirectRunner.class);
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setTargetParallelism(1);
    assertThat(options.as(DirectOptions.class).getTargetParallelism()).isEqualTo(1);
  }

  @Test
  void optionsOfEveryRegistrarAreTakenAfterARunWithoutArguments() {
    BeamOptions.of(List.of());

    PipelineOptions options = BeamOptions.of(List.of(
        "--resourceHints=min_ram=1GB", "--hdfsConfiguration=[{\"fs.defaultFS\":\"hdfs://namenode:8020\"}]", "--targetParallelism=3"));

    assertThat(options.as(ResourceHintsOptions.class).getResourceHints()).containsExactly("min_ram=1GB");
    assertThat(options.as(HadoopFileSystemOptions.class).getHdfsConfiguration().get(0).get("fs.defaultFS")).isEqualTo("hdfs://namenode:8020");
    assertThat(options.as(DirectOptions.class).getTargetParallelism()).isEqualTo(3);
  }

  @Test
  void argumentsRegisterWhatBeamRegistersByItself() {
    BeamOptions.of(List.of("--targetParallelism=2"));
    Set<Class<? extends PipelineOptions>> ours = Set.copyOf(PipelineOptionsFactory.getRegisteredOptions());

    PipelineOptionsFactory.resetCache();

    assertThat(ours).isNotEmpty().isEqualTo(Set.copyOf(PipelineOptionsFactory.getRegisteredOptions()));
  }

  @Test
  void withBeamArgumentsTheJobIsNamedHeapreelUnlessAppNameIsGiven() {
    PipelineOptions named = BeamOptions.of(List.of("--targetParallelism=2"));
    PipelineOptions own = BeamOptions.of(List.of("--appName=nightly"));

    assertThat(named.as(ApplicationNameOptions.class).getAppName()).isEqualTo("heapreel");
    assertThat(named.getJobName()).startsWith("heapreel-");
    assertThat(own.as(ApplicationNameOptions.class).getAppName()).isEqualTo("nightly");
  }

  @Test
  void anUnknownOptionIsStillRefused() {
    assertThatThrownBy(() -> BeamOptions.of(List.of("--noSuchOption=1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("noSuchOption");
  }
}
