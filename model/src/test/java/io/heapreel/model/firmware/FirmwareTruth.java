package io.heapreel.model.firmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What gdb read from the stopped firmware at the end of a capture ({@code truth.txt}, see
 * {@code firmware/truth.gdb}): each heap area's descriptor and allocation table, the main module's
 * globals (name to value word), the block size (the pool's length over its blocks).
 */
record FirmwareTruth(List<Area> areas, String repr, int globalsUsed, long globalsTable, Map<String, Long> globals, int bytesPerBlock) {
  /** One {@code mp_state_mem_area_t}, and its allocation table's bytes at the end; a table start 0 when the firmware has none. */
  record Area(long atbStart, int atbBytes, long ftbStart, long poolStart, long poolEnd, byte[] atb, long wtbStart) {}

  static FirmwareTruth read(Path file) throws IOException {
    List<Area> areas = new ArrayList<>();
    Map<String, Long> globals = new LinkedHashMap<>();
    int used = -1;
    long table = 0;
    int bytesPerBlock = 0;
    // truth.txt written before truth.gdb said the representation: the firmware's default, A
    String repr = "A";
    String[] area = null;
    long weakref = 0;
    for (String line : Files.readAllLines(file)) {
      String[] w = line.split(" ");
      switch (w[0]) {
        case "area" -> {
          area = w;
          weakref = 0;
        }
        case "weakref" -> weakref = Long.decode(w[1]);
        case "atb" -> {
          areas.add(new Area(Long.decode(area[1]), Integer.parseInt(area[2]), Long.decode(area[3]),
              Long.decode(area[4]), Long.decode(area[5]), HexFormat.of().parseHex(w[1]), weakref));
        }
        case "repr" -> repr = w[1];
        case "globals" -> {
          used = Integer.parseInt(w[1]);
          table = Long.decode(w[2]);
        }
        case "global" -> globals.put(w[1], Long.decode(w[2]));
        case "bytes_per_block" -> bytesPerBlock = Integer.parseInt(w[1]);
        default -> throw new IllegalStateException(file + ": unexpected line " + line);
      }
    }
    return new FirmwareTruth(List.copyOf(areas), repr, used, table, globals, bytesPerBlock);
  }
}
