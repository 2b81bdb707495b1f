package batchlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.batch.InstanceTypeCatalog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionTest {

  private static final Duration MINUTE = Duration.ofSeconds(60);

  @Test
  void maxFourVcpusOnM7iLargeRunsTwoAtOnceInFiveWaves() {
    Prediction p = Prediction.of(10, 2, 1024, 4, InstanceTypeCatalog.resolve(List.of("m7i.large")), MINUTE);
    assertThat(p.instanceType()).isEqualTo("m7i.large");
    assertThat(p.concurrency()).isEqualTo(2);
    assertThat(p.instances()).isEqualTo(2);
    assertThat(p.waves()).isEqualTo(5);
    assertThat(p.idealMakespan()).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void maxTwentyVcpusRunsAllTenInOneWaveOnTenInstances() {
    Prediction p = Prediction.of(10, 2, 1024, 20, InstanceTypeCatalog.resolve(List.of("m7i.large")), MINUTE);
    assertThat(p.concurrency()).isEqualTo(10);
    assertThat(p.instances()).isEqualTo(10);
    assertThat(p.waves()).isEqualTo(1);
    assertThat(p.idealMakespan()).isEqualTo(MINUTE);
  }

  @Test
  void concurrencyIsCappedByTheJobsButSlotsAreNot() {
    Prediction p = Prediction.of(10, 2, 1024, 40, InstanceTypeCatalog.resolve(List.of("m7i.large")), MINUTE);
    assertThat(p.slots()).isEqualTo(20);
    assertThat(p.concurrency()).isEqualTo(10);
    assertThat(p.waves()).isEqualTo(1);
  }

  @Test
  void memoryLimitsJobsPerInstance() {
    // c7i.xlarge: 4 vCPU but 8 GiB, of which less than 8 GiB is usable: two 3500 MiB jobs, not four 1-vCPU ones.
    Prediction p = Prediction.of(8, 1, 3500, 8, InstanceTypeCatalog.resolve(List.of("c7i.xlarge")), null);
    assertThat(p.jobsPerInstance()).isEqualTo(2);
    assertThat(p.slots()).isEqualTo(4);
    assertThat(p.waves()).isEqualTo(2);
    assertThat(p.idealMakespan()).isNull();
  }

  @Test
  void picksTheAllowedTypeThatFitsTheMostJobs() {
    Prediction p = Prediction.of(10, 2, 1024, 16, InstanceTypeCatalog.resolve(List.of("m7i.large", "m7i.4xlarge")),
        MINUTE);
    // 8 m7i.large or 1 m7i.4xlarge: both hold 8 jobs; the smaller type wins the tie.
    assertThat(p.instanceType()).isEqualTo("m7i.large");
    assertThat(p.slots()).isEqualTo(8);
  }

  @Test
  void aJobNeedingTheFullNominalMemoryFitsNowhere() {
    Prediction p = Prediction.of(10, 2, 8192, 20, InstanceTypeCatalog.resolve(List.of("m7i.large")), MINUTE);
    assertThat(p.runnable()).isFalse();
    assertThat(p.waves()).isZero();
    assertThat(p.instanceType()).isNull();
  }

  @Test
  void maxVcpusBelowOneInstanceRunsNothing() {
    Prediction p = Prediction.of(10, 2, 1024, 1, InstanceTypeCatalog.resolve(List.of("m7i.large")), MINUTE);
    assertThat(p.runnable()).isFalse();
  }

  @Test
  void rejectsZeroJobs() {
    assertThatThrownBy(() -> Prediction.of(0, 2, 1024, 4, List.of(), MINUTE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 jobs");
  }
}
