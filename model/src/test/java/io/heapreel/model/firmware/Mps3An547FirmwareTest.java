package io.heapreel.model.firmware;

/**
 * QEMU's Cortex-M55 board, MPS3_AN547: RAM in the DDR at 0x60000000 and double-precision floats
 * on a 32-bit board (a float object keeps its value at offset 8). Built and captured by the test.
 */
class Mps3An547FirmwareTest extends FirmwareCaptureChecks {
  @Override
  FirmwareCapture make() {
    return FirmwareCapture.make("MPS3_AN547", "objects.py", 32, false);
  }

  @Override
  int wordSize() {
    return 4;
  }
}
