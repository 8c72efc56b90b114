package io.heapreel.model.firmware;

/** The 64-bit board, QEMU's RISC-V virt machine (rv64imac): firmware built and captured by the test. */
class VirtRv64FirmwareTest extends FirmwareCaptureChecks {
  @Override
  FirmwareCapture make() {
    return FirmwareCapture.make("VIRT_RV64", "objects.py", 32, false);
  }

  @Override
  int wordSize() {
    return 8;
  }
}
