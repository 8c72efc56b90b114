package io.heapreel.model.testing;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Lists every test that did not run, with its reason, at the end of a module's tests, so that
 * {@code mvn verify} never skips silently (a missing ffmpeg, Node or npm registry). JUnit counts
 * an assumption that failed as aborted and a disabled test as skipped; surefire calls both
 * skipped. Registered through META-INF/services; the list goes to stderr, which surefire shows.
 */
public final class SkippedTestsReport implements TestExecutionListener {
  private final List<String> lines = new ArrayList<>();

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    lines.add(name(test) + ": " + reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
      lines.add(name(test) + ": " + reason.replaceFirst("^Assumption failed: ", ""));
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    if (lines.isEmpty()) {
      return;
    }
    PrintStream err = System.err;
    err.println();
    err.println("[heapreel] " + lines.size() + (lines.size() == 1 ? " test" : " tests") + " did not run:");
    lines.forEach(line -> err.println("[heapreel]   " + line));
    err.flush();
  }

  private static String name(TestIdentifier test) {
    Optional<MethodSource> method =
        test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
    if (method.isPresent()) {
      String cls = method.get().getClassName();
      return cls.substring(cls.lastIndexOf('.') + 1) + "." + method.get().getMethodName();
    }
    return test.getDisplayName();
  }
}
