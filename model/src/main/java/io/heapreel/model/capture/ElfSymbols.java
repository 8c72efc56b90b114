package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSymbol;
import net.fornwall.jelf.ElfSymbolTableSection;

/** Reads the symbol table of a firmware ELF file: exact addresses and sizes, static symbols too. */
public final class ElfSymbols {
  private ElfSymbols() {}

  /** The symbols plus the ELF's word size (4 or 8), which the heap geometry needs. */
  public record Result(SymbolTable symbols, int wordSize) {}

  public static Result read(Path elfFile) {
    try {
      ElfFile elf = ElfFile.from(Files.readAllBytes(elfFile));
      ElfSymbolTableSection table = elf.getSymbolTableSection();
      if (table == null) {
        throw new CaptureException(elfFile + ": the ELF file has no symbol table (stripped?)");
      }
      List<Symbol> symbols = new ArrayList<>();
      for (ElfSymbol s : table.symbols) {
        int type = s.getType();
        if (type != ElfSymbol.STT_OBJECT && type != ElfSymbol.STT_FUNC && type != ElfSymbol.STT_NOTYPE) {
          continue;
        }
        String name = s.getName();
        if (name == null || name.isEmpty() || name.startsWith("$")) {
          continue;
        }
        long value = ElfAddress.of(elf, s.st_value);
        long address = type == ElfSymbol.STT_FUNC ? value & ~1L : value;
        symbols.add(new Symbol(name, address, ElfAddress.of(elf, s.st_size), ""));
      }
      return new Result(new SymbolTable(elfFile.toString(), symbols), elf.is32Bits() ? 4 : 8);
    } catch (IOException e) {
      throw new CaptureException(elfFile + ": cannot read the ELF file (" + e.getMessage() + ")", e);
    } catch (CaptureException e) {
      throw e;
    } catch (RuntimeException e) {
      // jelf reports malformed input as ElfException and as index errors of its parser
      throw new CaptureException(elfFile + ": not a readable ELF file (" + e.getMessage() + ")", e);
    }
  }
}
