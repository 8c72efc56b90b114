package io.heapreel.model.gclog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Latin1LinesTest {
  /** Random bytes rich in line ends and non-ASCII bytes, some lines longer than the buffer. */
  @Test
  void splitsAsBufferedReaderDoesAndTellsAsciiLines() throws IOException {
    Random random = new Random(20);
    byte[] alphabet = {'a', ' ', '#', '\n', '\r', (byte) 0x7f, (byte) 0xc3, (byte) 0xa9, 0x09, '0'};
    for (int round = 0; round < 400; round++) {
      int size = random.nextInt(round % 10 == 0 ? 5000 : 60);
      byte[] bytes = new byte[size];
      for (int i = 0; i < size; i++) {
        bytes[i] = random.nextInt(6) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) ('a' + random.nextInt(26));
      }
      List<String> expected = new ArrayList<>();
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.ISO_8859_1))) {
        for (String line; (line = reader.readLine()) != null; ) {
          expected.add(line);
        }
      }
      for (int bufferSize : new int[] {1, 3, 16, 1 << 16}) {
        Latin1Lines lines = new Latin1Lines(new ByteArrayInputStream(bytes), bufferSize);
        List<String> got = new ArrayList<>();
        for (String line; (line = lines.next()) != null; ) {
          got.add(line);
          assertThat(lines.ascii()).as(line).isEqualTo(line.chars().allMatch(c -> c < 0x7f));
        }
        assertThat(got).as("round %d, buffer %d", round, bufferSize).isEqualTo(expected);
      }
    }
  }

  @Test
  void endsOfLinesAtTheEdges() throws IOException {
    assertThat(lines("")).isEmpty();
    assertThat(lines("\n")).containsExactly("");
    assertThat(lines("a\r\n")).containsExactly("a");
    assertThat(lines("a\r\rb")).containsExactly("a", "", "b");
    assertThat(lines("a\n\r\nb\r")).containsExactly("a", "", "b");
    assertThat(lines("last")).containsExactly("last");
  }

  private static List<String> lines(String text) throws IOException {
    Latin1Lines lines = new Latin1Lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), 2);
    List<String> got = new ArrayList<>();
    for (String line; (line = lines.next()) != null; ) {
      got.add(line);
    }
    return got;
  }
}
