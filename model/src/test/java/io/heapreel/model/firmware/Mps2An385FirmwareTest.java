package io.heapreel.model.firmware;

/** The 32-bit board, MPS2-AN385 (Cortex-M3): firmware built and captured by the test. */
class Mps2An385FirmwareTest extends FirmwareCaptureChecks {
  @Override
  FirmwareCapture make() {
    return FirmwareCapture.make("MPS2_AN385", "objects.py", 32, false);
  }

  @Override
  int wordSize() {
    return 4;
  }
}
