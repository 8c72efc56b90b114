package io.heapreel.model.export;

/**
 * A range of RAM outside the heap that the collector scans for pointers, word by word.
 *
 * @param name the label DevTools shows for the whole region when {@code perWord} is false
 *     ("stack"); otherwise each word is named by the symbol it lies in ("mp_state_ctx+104")
 */
public record RootRegion(String name, long start, long end, boolean perWord) {}
