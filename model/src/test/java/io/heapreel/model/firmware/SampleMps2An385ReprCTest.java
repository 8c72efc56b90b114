package io.heapreel.model.firmware;

/**
 * sample-dumps/mps2-an385-repr-c: the 32-bit real capture from firmware built with
 * MICROPY_OBJ_REPR_C (30-bit floats in the word, qstrs (q << 4) | 6): the same checks.
 */
class SampleMps2An385ReprCTest extends FirmwareCaptureChecks {
  @Override
  FirmwareCapture make() {
    return FirmwareCapture.sample("mps2-an385-repr-c");
  }

  @Override
  int wordSize() {
    return 4;
  }
}
