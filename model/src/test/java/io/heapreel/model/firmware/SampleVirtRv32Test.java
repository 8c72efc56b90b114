package io.heapreel.model.firmware;

/**
 * sample-dumps/virt-rv32, a real capture on QEMU's 32-bit RISC-V virt machine: RAM and flash at
 * 0x80000000 and up, addresses that read as negative 32-bit numbers (before, heapreel took every
 * ELF symbol there for 0xffffffff8....... and found no heap). The same checks as the other boards.
 */
class SampleVirtRv32Test extends FirmwareCaptureChecks {
  @Override
  FirmwareCapture make() {
    return FirmwareCapture.sample("virt-rv32");
  }

  @Override
  int wordSize() {
    return 4;
  }
}
