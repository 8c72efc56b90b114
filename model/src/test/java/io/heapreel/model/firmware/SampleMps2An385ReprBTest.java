package io.heapreel.model.firmware;

/**
 * sample-dumps/mps2-an385-repr-b: the 32-bit real capture from firmware built with
 * MICROPY_OBJ_REPR_B (small ints with two tag bits, qstrs ending in 011): the same checks.
 */
class SampleMps2An385ReprBTest extends FirmwareCaptureChecks {
  @Override
  FirmwareCapture make() {
    return FirmwareCapture.sample("mps2-an385-repr-b");
  }

  @Override
  int wordSize() {
    return 4;
  }
}
