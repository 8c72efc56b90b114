package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSectionHeader;
import net.fornwall.jelf.ElfSegment;

/**
 * The loadable contents of a firmware ELF (its PT_LOAD segments' file bytes at their addresses, or
 * its allocated PROGBITS sections when it has no program headers):
 * the flash image when there is no {@code firmware.bin}, so type objects and ROM qstrs can be read.
 */
public final class ElfImage implements Memory {
  private record Segment(long address, int offset, int length) {}

  private final ByteBuffer data;
  private final List<Segment> segments;

  private ElfImage(ByteBuffer data, List<Segment> segments) {
    this.data = data.order(ByteOrder.LITTLE_ENDIAN);
    this.segments = List.copyOf(segments);
  }

  public static ElfImage read(Path elfFile) {
    try {
      byte[] bytes = Files.readAllBytes(elfFile);
      ElfFile elf = ElfFile.from(bytes);
      List<Segment> segments = new ArrayList<>();
      for (int i = 0; i < elf.e_phnum; i++) {
        ElfSegment s = elf.getProgramHeader(i);
        if (s.p_type == ElfSegment.PT_LOAD && s.p_filesz > 0 && s.p_offset + s.p_filesz <= bytes.length) {
          segments.add(new Segment(ElfAddress.of(elf, s.p_vaddr), (int) s.p_offset, (int) s.p_filesz));
        }
      }
      if (segments.isEmpty()) {
        // an object file or a hand-made ELF without program headers: its allocated sections
        for (int i = 0; i < elf.e_shnum; i++) {
          ElfSectionHeader h = elf.getSection(i).header;
          if (h.sh_type == ElfSectionHeader.SHT_PROGBITS && (h.sh_flags & ElfSectionHeader.FLAG_ALLOC) != 0
              && h.sh_size > 0 && h.sh_offset + h.sh_size <= bytes.length) {
            segments.add(new Segment(ElfAddress.of(elf, h.sh_addr), (int) h.sh_offset, (int) h.sh_size));
          }
        }
      }
      return new ElfImage(ByteBuffer.wrap(bytes), segments);
    } catch (IOException e) {
      throw new CaptureException(elfFile + ": cannot read the ELF file (" + e.getMessage() + ")", e);
    } catch (RuntimeException e) {
      throw new CaptureException(elfFile + ": not a readable ELF file (" + e.getMessage() + ")", e);
    }
  }

  private Segment at(long address, int bytes) {
    for (Segment s : segments) {
      if (address >= s.address() && bytes >= 0 && address - s.address() <= s.length() - bytes) {
        return s;
      }
    }
    return null;
  }

  private int offset(long address, int bytes) {
    Segment s = at(address, bytes);
    if (s == null) {
      throw new IndexOutOfBoundsException(String.format("0x%08x is in no loadable segment", address));
    }
    return s.offset() + (int) (address - s.address());
  }

  @Override
  public boolean contains(long address, int bytes) {
    return at(address, bytes) != null;
  }

  @Override
  public int u8(long address) {
    return data.get(offset(address, 1)) & 0xff;
  }

  @Override
  public int u16(long address) {
    return data.getShort(offset(address, 2)) & 0xffff;
  }

  @Override
  public long u32(long address) {
    return data.getInt(offset(address, 4)) & 0xffffffffL;
  }

  @Override
  public long u64(long address) {
    return data.getLong(offset(address, 8));
  }
}
