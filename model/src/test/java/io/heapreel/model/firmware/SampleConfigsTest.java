package io.heapreel.model.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.objects.ObjectInspector;
import org.junit.jupiter.api.Test;

/**
 * sample-dumps/mps2-an385-configs, the stored real capture of firmware built with settings other
 * than the qemu port's: 8-word blocks (MICROPY_BYTES_PER_GC_BLOCK 32), a weakref table beside the
 * finaliser table (MICROPY_PY_WEAKREF), qstr pools without hashes (MICROPY_QSTR_BYTES_IN_HASH 0)
 * and with 2-byte lengths (MICROPY_QSTR_BYTES_IN_LEN 2). heapreel is told none of them and the
 * sample has no layout.txt: the same checks against gdb's reading of the firmware.
 */
class SampleConfigsTest extends FirmwareCaptureChecks {
  @Override
  FirmwareCapture make() {
    return FirmwareCapture.sample("mps2-an385-configs");
  }

  @Override
  int wordSize() {
    return 4;
  }

  @Override
  int wordsPerBlock() {
    return 8;
  }

  @Test
  void theWeakrefTableIsFoundAfterTheFinaliserTable() {
    FirmwareTruth.Area truth = truth().areas().get(0);
    assertThat(truth.wtbStart()).isNotZero();
    HeapArea area = opened().heap().areas().get(0);
    assertThat(area.wtbStart()).isEqualTo(truth.wtbStart());
    assertThat(area.ftbStart()).isEqualTo(truth.ftbStart()).isNotZero();
  }

  @Test
  void theQstrPoolIsShapedByTheRomPool() {
    assertThat(ObjectInspector.detect(opened(), opened().snapshots().snapshot(opened().snapshots().count() - 1)).source())
        .contains("the ROM qstr pool (no hashes");
  }
}
