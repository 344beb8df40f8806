package io.kitagent.agent;

/** The agent's version, from the JAR manifest. */
public final class Version {

  private Version() {}

  public static String current() {
    String version = Version.class.getPackage().getImplementationVersion();
    return "kit-agent " + (version == null ? "dev" : version);
  }
}
