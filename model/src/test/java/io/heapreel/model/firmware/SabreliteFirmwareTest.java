package io.heapreel.model.firmware;

/**
 * QEMU's i.MX6 Cortex-A9 board, SABRELITE: firmware in ARM (not Thumb) instructions, code and RAM
 * in the DDR from 0x10000000. Built and captured by the test.
 */
class SabreliteFirmwareTest extends FirmwareCaptureChecks {
  @Override
  FirmwareCapture make() {
    return FirmwareCapture.make("SABRELITE", "objects.py", 32, false);
  }

  @Override
  int wordSize() {
    return 4;
  }
}
