package io.heapreel.model.firmware;

/** sample-dumps/mps2-an385, the stored 32-bit real capture: the same checks, no toolchain needed. */
class SampleMps2An385Test extends FirmwareCaptureChecks {
  @Override
  FirmwareCapture make() {
    return FirmwareCapture.sample("mps2-an385");
  }

  @Override
  int wordSize() {
    return 4;
  }
}
