package io.heapreel.model.error;

/**
 * Bad input: a file that is missing, empty, malformed or inconsistent with the rest of the capture.
 * The message is meant for the user as it is: it names the file (and offset or line) and what was
 * expected, so callers print it without a stack trace.
 */
public class CaptureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CaptureException(String message) {
    super(message);
  }

  public CaptureException(String message, Throwable cause) {
    super(message, cause);
  }
}
