package dev.hallmark.deploy.local.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration file of {@code notary-server} (Notary v1, {@code -config <file>}).
 *
 * <p>Plain HTTP on the loopback interface, a local trust service that holds the timestamp and
 * snapshot keys in memory, and in-memory storage: nothing survives a restart, and there is no
 * secret in the file. See "Notary server configuration file":
 * https://github.com/notaryproject/notary/blob/master/docs/reference/server-config.md
 */
public final class NotaryServerConfig {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private NotaryServerConfig() {}

  public static String render(int port) {
    Map<String, Object> server = Map.of("http_addr", Ports.LOOPBACK + ":" + port);
    // "local" runs the signer inside notary-server, so no notary-signer (and no TLS between the
    // two) is needed; hostname and port are ignored for it but must be present.
    Map<String, Object> trustService = new LinkedHashMap<>();
    trustService.put("type", "local");
    trustService.put("hostname", "");
    trustService.put("port", "");
    trustService.put("key_algorithm", "ecdsa");
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("server", server);
    config.put("trust_service", trustService);
    config.put("logging", Map.of("level", "info"));
    config.put("storage", Map.of("backend", "memory"));
    try {
      return JSON.writeValueAsString(config) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("maps of strings always serialize", e);
    }
  }
}
