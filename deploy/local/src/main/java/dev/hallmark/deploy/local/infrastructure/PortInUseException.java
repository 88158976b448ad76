package dev.hallmark.deploy.local.infrastructure;

/** The port a component should listen on is already taken by another process. */
public final class PortInUseException extends InfrastructureException {
  private final int port;

  public PortInUseException(String component, int port, String howToFix) {
    super(component, "port " + port + " on 127.0.0.1 is already in use; " + howToFix, null);
    this.port = port;
  }

  public int port() {
    return port;
  }
}
