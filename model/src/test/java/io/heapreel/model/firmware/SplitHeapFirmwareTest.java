package io.heapreel.model.firmware;

/** The 32-bit board built with MICROPY_GC_SPLIT_HEAP: the heap is two areas (gc_init + gc_add). */
class SplitHeapFirmwareTest extends FirmwareCaptureChecks {
  @Override
  FirmwareCapture make() {
    return FirmwareCapture.make("MPS2_AN385", "objects.py", 32, true);
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
