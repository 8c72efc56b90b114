package io.heapreel.model.gclog;

/**
 * A breakpoint as the preamble sets it up ({@code Breakpoint 1 at 0x292: file ../../py/gc.c, line
 * 147.}).
 *
 * @param address the breakpoint address, or -1 when gdb printed none (a pending breakpoint)
 * @param where the rest of the line after the address: file and line, as printed
 */
public record Breakpoint(int number, long address, String where) {}
