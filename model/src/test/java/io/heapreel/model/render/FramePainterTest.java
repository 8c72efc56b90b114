package io.heapreel.model.render;

import io.heapreel.model.types.Role;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.heap.BlockState;
import io.heapreel.model.heap.HeapStats;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Frames of hand-built heaps, read back through ImageIO's PNG decoder. Expected colours are the
 * documented palette (README, "Frames"): str 0x4E79A7, dict 0xF28E2B, free 0xF0F0F0, event
 * outline 0xFF00CC, marker 0x000000, garbage stipple 0xFFFFFF.
 */
class FramePainterTest {
  private static final int STR = 0x4E79A7;
  private static final int DICT = 0xF28E2B;
  private static final int UNKNOWN = 0x8C8C8C;
  private static final int FREE = 0xF0F0F0;
  private static final int OUTLINE = 0xFF00CC;
  private static final int MARKER = 0x000000;
  private static final int STIPPLE = 0xFFFFFF;

  /** 512 blocks (an 8 KiB pool): a str at 3 (2 blocks), a dict at 70 (3 blocks, marked, finaliser), garbage at 200. */
  private static FrameInput smallHeap(FrameEvent event) {
    String picture = "...h=" + ".".repeat(65) + "h==" + ".".repeat(127) + "h=======";
    byte[] states = states(picture, 512);
    List<FrameAllocation> allocations =
        List.of(
            new FrameAllocation(0, 3, 2, ColourClass.builtin("str"), false, false, false),
            new FrameAllocation(0, 70, 3, ColourClass.builtin("dict"), true, true, false),
            new FrameAllocation(0, 200, 8, ColourClass.UNKNOWN, false, false, true));
    HeapStats totals = new HeapStats(3, 1, 13, 10, 0, 499, 300, 4, 1, 512);
    FreeTimeline timeline = FreeTimeline.of(new int[] {512, 505, 499}, new int[] {512, 500, 300}, 512);
    return new FrameInput(2, List.of(new AreaBlocks(0x20000100L, 16, states)), allocations, event, totals, timeline);
  }

  private static byte[] states(String picture, int blocks) {
    byte[] s = new byte[blocks];
    for (int b = 0; b < picture.length(); b++) {
      s[b] = (byte) switch (picture.charAt(b)) {
        case 'h' -> BlockState.HEAD;
        case '=' -> BlockState.TAIL;
        default -> BlockState.FREE;
      };
    }
    return s;
  }

  private static BufferedImage decode(byte[] png) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).isNotNull();
    return image;
  }

  private static int rgb(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xFFFFFF;
  }

  @Test
  void aSmallHeapHas64BlocksARowInReadableCells() {
    FrameLayout layout = new FramePainter().layout(smallHeap(null));
    assertThat(layout.columns()).isEqualTo(64);
    assertThat(layout.cell()).isEqualTo(16);
    assertThat(layout.width() % 2).isZero();
    assertThat(layout.height() % 2).isZero();
  }

  @Test
  void allocationsAreFilledWithTheirTypeColourAndFreeBlocksWithBackground() throws IOException {
    FrameInput input = smallHeap(null);
    FramePainter painter = new FramePainter();
    FrameLayout l = painter.layout(input);
    BufferedImage image = decode(painter.png(input));
    int c = l.cell() / 2;
    // block 3 and 4: row 0, columns 3 and 4; block 71: row 1, column 7 (64 a row)
    assertThat(rgb(image, l.gridLeft() + 3 * 16 + c, l.areaTops().get(0) + c)).isEqualTo(STR);
    assertThat(rgb(image, l.gridLeft() + 4 * 16 + c, l.areaTops().get(0) + c)).isEqualTo(STR);
    assertThat(rgb(image, l.gridLeft() + 7 * 16 + c, l.areaTops().get(0) + 16 + c)).isEqualTo(DICT);
    assertThat(rgb(image, l.gridLeft() + 2 * 16 + c, l.areaTops().get(0) + c)).isEqualTo(FREE);
    assertThat(rgb(image, l.gridLeft() + 5 * 16 + c, l.areaTops().get(0) + c)).isEqualTo(FREE);
    assertThat(rgb(image, l.gridLeft() + 63 * 16 + c, l.areaTops().get(0) + 7 * 16 + c)).isEqualTo(FREE);
  }

  @Test
  void anAllocationIsOneShapeAndNeighboursAreSeparated() throws IOException {
    FrameInput input = smallHeap(null);
    FramePainter painter = new FramePainter();
    FrameLayout l = painter.layout(input);
    BufferedImage image = decode(painter.png(input));
    int y = l.areaTops().get(0) + 8;
    // the last pixel column of block 3's cell joins block 4 (same allocation) ...
    assertThat(rgb(image, l.gridLeft() + 4 * 16 - 1, y)).isEqualTo(STR);
    // ... and block 4's last pixel column is the gap before the free block 5
    assertThat(rgb(image, l.gridLeft() + 5 * 16 - 1, y)).isNotEqualTo(STR);
  }

  @Test
  void marksFinaliserAndGarbageAreDrawnOnTheirAllocations() throws IOException {
    FrameInput input = smallHeap(null);
    FramePainter painter = new FramePainter();
    FrameLayout l = painter.layout(input);
    BufferedImage image = decode(painter.png(input));
    int hx = l.gridLeft() + 6 * 16;
    int hy = l.areaTops().get(0) + 16;
    assertThat(rgb(image, hx + 1, hy + 1)).as("marked head's dot").isEqualTo(MARKER);
    assertThat(rgb(image, hx + 8, hy + 14)).as("finaliser bar").isEqualTo(MARKER);
    assertThat(rgb(image, hx + 8, hy + 7)).isEqualTo(DICT);
    // garbage at block 200 = row 3, column 8: checkerboard of unknown and stipple
    int gx = l.gridLeft() + 8 * 16 + 4;
    int gy = l.areaTops().get(0) + 3 * 16 + 4;
    int a = rgb(image, gx, gy);
    int b = rgb(image, gx + 1, gy);
    assertThat(List.of(a, b)).containsExactlyInAnyOrder(UNKNOWN, STIPPLE);
    assertThat(rgb(image, gx + 1, gy + 1)).isEqualTo(a);
  }

  @Test
  void theEventsBlocksAreOutlinedAndOthersAreNot() throws IOException {
    FrameInput input = smallHeap(new FrameEvent(2, "alloc", 0, 70, 3, "dict_new (objdict.c:10)"));
    FramePainter painter = new FramePainter();
    FrameLayout l = painter.layout(input);
    BufferedImage image = decode(painter.png(input));
    int y = l.areaTops().get(0) + 16;
    int mid = y + 8;
    assertThat(rgb(image, l.gridLeft() + 6 * 16, mid)).as("left edge of block 70").isEqualTo(OUTLINE);
    assertThat(rgb(image, l.gridLeft() + 9 * 16 - 1, mid)).as("right edge of block 72").isEqualTo(OUTLINE);
    assertThat(rgb(image, l.gridLeft() + 7 * 16 + 8, y)).as("top edge of block 71").isEqualTo(OUTLINE);
    assertThat(rgb(image, l.gridLeft() + 7 * 16 + 8, mid)).as("inside block 71").isEqualTo(DICT);
    assertThat(rgb(image, l.gridLeft() - 5, mid)).as("gutter mark of row 1").isEqualTo(OUTLINE);
    assertThat(rgb(image, l.gridLeft() - 5, l.areaTops().get(0) + 8)).as("row 0 has no event block").isNotEqualTo(OUTLINE);
    assertThat(rgb(image, l.gridLeft() + 3 * 16, l.areaTops().get(0) + 8)).isNotEqualTo(OUTLINE);
  }

  @Test
  void aFreeOfLengthZeroOutlinesTheWholeAllocation() throws IOException {
    FrameInput input = smallHeap(new FrameEvent(2, "free", 0, 3, 0, ""));
    FramePainter painter = new FramePainter();
    FrameLayout l = painter.layout(input);
    BufferedImage image = decode(painter.png(input));
    int mid = l.areaTops().get(0) + 8;
    assertThat(rgb(image, l.gridLeft() + 3 * 16, mid)).isEqualTo(OUTLINE);
    assertThat(rgb(image, l.gridLeft() + 5 * 16 - 1, mid)).as("right edge of its tail, block 4").isEqualTo(OUTLINE);
  }

  @Test
  void theSameInputGivesTheSameBytes() {
    byte[] first = new FramePainter().png(smallHeap(new FrameEvent(2, "alloc", 0, 70, 3, "x")));
    byte[] again = new FramePainter().png(smallHeap(new FrameEvent(2, "alloc", 0, 70, 3, "x")));
    assertThat(again).isEqualTo(first);
    assertThat(new FramePainter().png(smallHeap(null))).isNotEqualTo(first);
  }

  @Test
  void bigHeapsGetWiderRowsAndSmallerCells() {
    int blocks = 512 * 1024 / 16;
    List<FrameAllocation> allocations = new ArrayList<>();
    byte[] states = new byte[blocks];
    for (int b = 0; b < blocks; b += 4) {
      states[b] = BlockState.HEAD;
      allocations.add(new FrameAllocation(0, b, 1, ColourClass.builtin("str"), false, false, false));
    }
    FrameInput input =
        new FrameInput(0, List.of(new AreaBlocks(0x20000000L, 16, states)), allocations, null,
            new HeapStats(blocks / 4, 0, blocks / 4, 0, 0, blocks - blocks / 4, 3, blocks / 4, 0, blocks),
            FreeTimeline.empty(blocks));
    FrameLayout l = new FramePainter().layout(input);
    assertThat(l.columns()).isEqualTo(256);
    assertThat(l.cell()).isEqualTo(4);
    assertThat(l.gridWidth()).isEqualTo(1024);
  }

  @Test
  void rolesAndUnknownNamesFallBackToTheirGroups() {
    assertThat(Palette.indexOf(ColourClass.builtin(null))).isEqualTo(Palette.UNKNOWN);
    assertThat(Palette.indexOf(ColourClass.builtin("fun_bc"))).isEqualTo(Palette.FUNCTION);
    assertThat(Palette.indexOf(ColourClass.builtin("ValueError"))).isEqualTo(Palette.OTHER_BUILTIN);
    assertThat(Palette.indexOf(ColourClass.userClass("Sensor"))).isEqualTo(Palette.USER_CLASS);
    assertThat(Palette.indexOf(ColourClass.raw(Role.QSTR_POOL))).isEqualTo(Palette.RAW_QSTR);
    assertThat(Palette.indexOf(ColourClass.raw(Role.LIST_ITEMS))).isEqualTo(Palette.RAW_ITEMS);
    assertThat(Palette.indexOf(ColourClass.raw(Role.MAP_TABLE))).isEqualTo(Palette.RAW_MAP);
    assertThat(Palette.indexOf(ColourClass.raw(Role.UNKNOWN))).isEqualTo(Palette.UNKNOWN);
  }

  @Test
  void aSplitHeapGetsOneGridPerAreaOneAboveTheOther() throws IOException {
    byte[] first = new byte[100];
    byte[] second = new byte[200];
    second[5] = BlockState.HEAD;
    second[6] = BlockState.TAIL;
    FrameInput input = new FrameInput(0,
        List.of(new AreaBlocks(0x20000000L, 16, first), new AreaBlocks(0x20010000L, 16, second)),
        List.of(new FrameAllocation(1, 5, 2, ColourClass.builtin("dict"), false, false, false)),
        new FrameEvent(0, "alloc", 1, 5, 2, ""),
        new HeapStats(1, 0, 2, 1, 0, 298, 193, 2, 0, 300), FreeTimeline.empty(300));
    FramePainter painter = new FramePainter();
    FrameLayout l = painter.layout(input);
    BufferedImage image = decode(painter.png(input));
    // area 0 has 2 rows of 64: area 1 starts below them
    assertThat(l.areaTops().get(1)).isGreaterThan(l.areaTops().get(0) + 2 * 16);
    assertThat(rgb(image, l.gridLeft() + 5 * 16 + 8, l.areaTops().get(1) + 8)).isEqualTo(DICT);
    assertThat(rgb(image, l.gridLeft() + 5 * 16, l.areaTops().get(1) + 8)).isEqualTo(OUTLINE);
    assertThat(rgb(image, l.gridLeft() + 5 * 16 + 8, l.areaTops().get(0) + 8)).isEqualTo(FREE);
  }
}
