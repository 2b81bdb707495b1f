package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.util.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Which --name-prefix values submit accepts: every job name it makes ({@code <prefix>-<n>}, or the prefix
 * itself for an array job) must be a SubmitJob jobName (API Reference: up to 128 letters, numbers, hyphens
 * and underscores, the first a letter or number).
 */
class SubmitRequestNamesTest {

  private static SubmitRequest request(String prefix, int jobs, boolean array) {
    return SubmitRequest.builder().namePrefix(prefix).jobs(jobs).array(array).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"my-batch-job", "0lab", "Lab_2", "a", "x-", "y_"})
  void acceptsPrefixesThatMakeValidJobNames(String prefix) {
    assertThat(request(prefix, 10, false).namePrefix()).isEqualTo(prefix);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-lab", "_lab", "lab.x", "lab job", "läb", ""})
  void refusesPrefixesThatMakeInvalidJobNames(String prefix) {
    assertThatThrownBy(() -> request(prefix, 10, false))
        .isInstanceOf(BadInputException.class)
        .hasMessage("--name-prefix '" + prefix + "' is not valid: job names start with a letter or digit, use only "
            + "letters, digits, '-' and '_', and are at most 128 characters");
  }

  @Test
  void theLongestJobNameMayHave128Characters() {
    // 10 jobs: the longest name is <prefix>-10, three characters more than the prefix.
    assertThat(request("a".repeat(125), 10, false).namePrefix()).hasSize(125);
    assertThatThrownBy(() -> request("a".repeat(126), 10, false)).isInstanceOf(BadInputException.class);
    // An array job is named by the prefix alone.
    assertThat(request("a".repeat(128), 10, true).namePrefix()).hasSize(128);
    assertThatThrownBy(() -> request("a".repeat(129), 10, true)).isInstanceOf(BadInputException.class);
  }
}
