package io.heapreel.cli;

import picocli.CommandLine;

/** The version from the jar manifest (the Maven project version). */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Heapreel.class.getPackage().getImplementationVersion();
    return new String[] {"heapreel " + (v == null ? "(development build)" : v)};
  }
}
