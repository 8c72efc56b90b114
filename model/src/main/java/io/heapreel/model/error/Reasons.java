package io.heapreel.model.error;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Why something failed, in words for a user: never an exception class name. */
public final class Reasons {
  private Reasons() {}

  public static String of(Throwable e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "a folder that is not empty is in the way";
    }
    if (e instanceof NotDirectoryException) {
      return "a file is in the way of a folder";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    if (e instanceof OutOfMemoryError) {
      return "out of memory";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? "an unexpected error (run with --debug for details)" : m;
  }
}
