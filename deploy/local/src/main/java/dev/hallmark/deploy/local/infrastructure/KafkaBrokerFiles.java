package dev.hallmark.deploy.local.infrastructure;

import java.nio.file.Path;

/** The two files a KRaft broker is started with: server.properties and log4j.properties. */
public final class KafkaBrokerFiles {
  static final int NODE_ID = 1;

  private KafkaBrokerFiles() {}

  /**
   * Combined mode (broker and controller in one JVM), one node, everything on 127.0.0.1. Internal
   * topics get replication factor 1 and few partitions: there is one broker, and 50 partitions per
   * internal topic only slow down the first consumer group and the first transaction.
   */
  public static String serverProperties(int port, int controllerPort, Path dataDir) {
    String data = dataDir.toAbsolutePath().toString();
    return String.join(
            "\n",
            "# Written by dev.hallmark.deploy.local.infrastructure.KafkaBroker; rewritten at every start.",
            "process.roles=broker,controller",
            "node.id=" + NODE_ID,
            "controller.quorum.voters=" + NODE_ID + "@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + data,
            // Topics come from the services' topic catalogue (AdminClient), never from a typo.
            "auto.create.topics.enable=false",
            "num.partitions=1",
            "default.replication.factor=1",
            "min.insync.replicas=1",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=10",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "transaction.state.log.num.partitions=10",
            // A consumer group of one member must not wait 3 s for others that never come.
            "group.initial.rebalance.delay.ms=0",
            "num.network.threads=2",
            "num.io.threads=4",
            "log.retention.hours=168",
            "")
        + "\n";
  }

  /** Every logger to the broker's log file only, nothing to the console. */
  static String log4jProperties(Path logFile) {
    return String.join(
            "\n",
            "log4j.rootLogger=INFO, file",
            "log4j.appender.file=org.apache.log4j.FileAppender",
            "log4j.appender.file.File=" + logFile.toAbsolutePath(),
            "log4j.appender.file.Append=true",
            "log4j.appender.file.layout=org.apache.log4j.PatternLayout",
            "log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n",
            "log4j.logger.kafka.request.logger=WARN",
            "log4j.logger.kafka.authorizer.logger=WARN",
            "log4j.logger.state.change.logger=WARN",
            "log4j.additivity.kafka.request.logger=false",
            "")
        + "\n";
  }
}
