package dev.hallmark.deploy.local.infrastructure;

/**
 * A command of the {@code notary} client failed, timed out, or answered something unexpected. The
 * message quotes the end of the command's output, which never holds a passphrase: those reach the
 * client through its environment only.
 */
public final class NotaryCommandException extends InfrastructureException {
  private final String command;
  private final String outputTail;

  /**
   * @param command the client's arguments, e.g. {@code publish <gun>} (never an environment value)
   * @param problem what went wrong
   * @param outputTail the last lines of its stdout and stderr, or null
   */
  public NotaryCommandException(String command, String problem, String outputTail) {
    super(
        NotaryCli.COMPONENT,
        "notary " + command + ": " + problem + LogTail.section(outputTail),
        null);
    this.command = command;
    this.outputTail = outputTail;
  }

  public String command() {
    return command;
  }

  /** The last lines the command printed, or null. */
  public String outputTail() {
    return outputTail;
  }
}
