package io.heapreel.model.firmware;

/** sample-dumps/virt-rv64, the stored 64-bit real capture: the same checks, no toolchain needed. */
class SampleVirtRv64Test extends FirmwareCaptureChecks {
  @Override
  FirmwareCapture make() {
    return FirmwareCapture.sample("virt-rv64");
  }

  @Override
  int wordSize() {
    return 8;
  }
}
