package dev.hallmark.deploy.local.stack;

import dev.hallmark.deploy.local.deadletters.DeadLetterCommand;
import dev.hallmark.deploy.local.demo.StackDemo;
import dev.hallmark.deploy.local.infrastructure.HallmarkHome;
import dev.hallmark.deploy.local.infrastructure.InfrastructureException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The local stack: {@code up}, {@code down}, {@code status}. Run from the repository root, usually
 * through {@code deploy/local/stack}; state lives in {@code .local-stack/}.
 */
public final class StackCommand {
  /** Exit code of {@code status} when something is stopped or unhealthy (as LSB init scripts). */
  static final int NOT_RUNNING = 3;

  private static final String USAGE =
      "usage: stack up [--infra-only] [--no-demo] | demo [--pushes N] | bench [options] | down"
          + " | status | dlt list|replay SERVICE\n"
          + "  up          start (or reuse) PostgreSQL, Kafka, the registry, notary-server and the\n"
          + "              services, set up the demo's Notary trust data, then push a demo image\n"
          + "              and verify its signature\n"
          + "  --infra-only  only PostgreSQL, Kafka, the registry and notary-server\n"
          + "  --no-demo   skip the demo push\n"
          + "  demo        push N images (default 1), verify each signature, report latency\n"
          + "  bench       latency and throughput against the raw HSM and registry rates\n"
          + "              (run by deploy/local/stack from deploy/bench; see docs/benchmark.md)\n"
          + "  down        stop everything the stack started\n"
          + "  status      one line per component\n"
          + "  dlt         list or replay a service's dead letters (stack dlt for its usage)";

  private StackCommand() {}

  public static void main(String[] args) {
    // The launcher's jars include the broker's log4j binding; keep it quiet on this console.
    if (System.getProperty("log4j.configuration") == null) {
      System.setProperty("log4j.configuration", "hallmark-stack-log4j.properties");
    }
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  /** {@code --pushes N} of {@code demo}; 1 by default. */
  static int pushes(List<String> args) {
    int at = args.indexOf("--pushes");
    if (at < 0 || at + 1 >= args.size()) {
      return 1;
    }
    return Math.max(1, Math.min(1000, Integer.parseInt(args.get(at + 1))));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    String command = args.get(0);
    try {
      StackLayout layout = StackLayout.of(HallmarkHome.locate(), System.getenv());
      StackPorts ports = StackPorts.fromEnvironment(System.getenv());
      switch (command) {
        case "up" -> {
          boolean withServices = !args.contains("--infra-only");
          new StackUp(layout, ports, withServices, out).run();
          if (withServices && !args.contains("--no-demo")) {
            return new StackDemo(layout, out).run(1) ? 0 : 1;
          }
          return 0;
        }
        case "demo" -> {
          return new StackDemo(layout, out).run(pushes(args)) ? 0 : 1;
        }
        case "down" -> {
          return new StackDown(layout, ports, out).run() ? 0 : 1;
        }
        case "dlt" -> {
          return DeadLetterCommand.run(args.subList(1, args.size()), layout.stackEnv(), out, err);
        }
        case "status" -> {
          return new StackStatus(layout, ports, out).run() ? 0 : NOT_RUNNING;
        }
        default -> {
          err.println("unknown command '" + command + "'\n" + USAGE);
          return 2;
        }
      }
    } catch (InfrastructureException e) {
      err.println("stack " + command + " failed: " + e.getMessage());
      if (command.equals("up")) {
        err.println("What did start keeps running; deploy/local/stack down stops it.");
      }
      return 1;
    } catch (RuntimeException e) {
      err.println("stack " + command + " failed: " + e);
      return 1;
    }
  }
}
