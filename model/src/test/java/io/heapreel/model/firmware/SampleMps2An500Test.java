package io.heapreel.model.firmware;

/**
 * sample-dumps/mps2-an500, a real capture on QEMU's Cortex-M7 MPS2 board: RAM at 0x60000000 and
 * firmware built with double-precision floats (MICROPY_FLOAT_IMPL_DOUBLE), whose boxed floats keep
 * an 8-byte value at offset 8 on this 32-bit board (before, heapreel previewed the padding word
 * after the type as a float: 0.0 for every float). The same checks as the other boards.
 */
class SampleMps2An500Test extends FirmwareCaptureChecks {
  @Override
  FirmwareCapture make() {
    return FirmwareCapture.sample("mps2-an500");
  }

  @Override
  int wordSize() {
    return 4;
  }
}
