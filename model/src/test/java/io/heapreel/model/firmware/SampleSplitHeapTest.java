package io.heapreel.model.firmware;

/**
 * sample-dumps/mps2-an385-split, the stored real split-heap capture (MICROPY_GC_SPLIT_HEAP, two
 * areas: gc_init + gc_add): the same checks against gdb's reading of the firmware, no toolchain needed.
 */
class SampleSplitHeapTest extends FirmwareCaptureChecks {
  @Override
  FirmwareCapture make() {
    return FirmwareCapture.sample("mps2-an385-split");
  }

  @Override
  int wordSize() {
    return 4;
  }

  @Override
  int areas() {
    return 2;
  }
}
