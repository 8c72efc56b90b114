package io.heapreel.cli;

import picocli.CommandLine;

/** Addresses as {@code 0x...} hex or decimal. */
final class AddressConverter implements CommandLine.ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    try {
      return Long.decode(value.trim());
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not an address (use 0x... or decimal)");
    }
  }
}
