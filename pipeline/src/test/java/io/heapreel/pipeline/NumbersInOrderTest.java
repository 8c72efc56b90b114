package io.heapreel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumbersInOrderTest {
  @Test
  void damageLinesComeInTheOrderOfTheirLineNumbers() {
    List<String> lines = new ArrayList<>(List.of(
        "/c/mylog.txt: line 10008 (record 499): not part of a record: '+p/x start_block'",
        "/c/mylog.txt: line 1002 (record 54): not part of a record: '+p/x length'",
        "/c/mylog.txt: line 1000 (record 54): not part of a record: '+p/x start_block'",
        "/c/mylog.txt: line 998 (record 53): not part of a record: '+continue'",
        "snapshot 12: cut short",
        "snapshot 9: cut short"));

    lines.sort(NumbersInOrder.INSTANCE);

    assertThat(lines).containsExactly(
        "/c/mylog.txt: line 998 (record 53): not part of a record: '+continue'",
        "/c/mylog.txt: line 1000 (record 54): not part of a record: '+p/x start_block'",
        "/c/mylog.txt: line 1002 (record 54): not part of a record: '+p/x length'",
        "/c/mylog.txt: line 10008 (record 499): not part of a record: '+p/x start_block'",
        "snapshot 9: cut short",
        "snapshot 12: cut short");
  }

  @Test
  void numbersWithLeadingZerosAndTextTieBreakConsistently() {
    NumbersInOrder order = NumbersInOrder.INSTANCE;
    assertThat(order.compare("a 007", "a 7")).isNotZero();
    assertThat(Integer.signum(order.compare("a 007", "a 7"))).isEqualTo(-Integer.signum(order.compare("a 7", "a 007")));
    assertThat(order.compare("a 7 b", "a 7 b")).isZero();
    assertThat(order.compare("a 7", "a 7 b")).isNegative();
    assertThat(order.compare("x", "10")).isPositive();
  }
}
