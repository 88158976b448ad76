package dev.hallmark.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge (RFC 9110 section 11.6.1; the Docker token flow,
 * distribution {@code docs/spec/auth/token.md}): a scheme and its parameters, e.g. {@code Bearer
 * realm="https://auth.example/token",service="registry.example",scope="repository:demo/app:pull"}.
 */
record Challenge(String scheme, Map<String, String> params) {

  boolean isBearer() {
    return scheme.equalsIgnoreCase("bearer");
  }

  boolean isBasic() {
    return scheme.equalsIgnoreCase("basic");
  }

  Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The challenge to answer among all header values: Bearer before Basic, else the first. */
  static Optional<Challenge> select(List<String> headerValues) {
    List<Challenge> all = new ArrayList<>();
    for (String value : headerValues) {
      all.addAll(parse(value));
    }
    return all.stream()
        .filter(Challenge::isBearer)
        .findFirst()
        .or(() -> all.stream().filter(Challenge::isBasic).findFirst())
        .or(() -> all.stream().findFirst());
  }

  /**
   * Parses one header value, which may hold several challenges: {@code scheme param=value,
   * param="quoted, value", Other realm=x}. Malformed trailing text is ignored.
   */
  static List<Challenge> parse(String header) {
    List<Challenge> challenges = new ArrayList<>();
    Cursor in = new Cursor(header == null ? "" : header);
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (true) {
      in.skip(" \t,");
      if (in.atEnd()) {
        break;
      }
      String token = in.token();
      if (token.isEmpty()) {
        break; // not a token character: malformed, stop here
      }
      in.skip(" \t");
      if (in.peek() == '=' && scheme != null) {
        in.next();
        in.skip(" \t");
        String value = in.peek() == '"' ? in.quoted() : in.token();
        params.put(token.toLowerCase(Locale.ROOT), value);
      } else {
        if (scheme != null) {
          challenges.add(new Challenge(scheme, Map.copyOf(params)));
          params.clear();
        }
        scheme = token;
      }
    }
    if (scheme != null) {
      challenges.add(new Challenge(scheme, Map.copyOf(params)));
    }
    return challenges;
  }

  private static final class Cursor {
    private final String s;
    private int i;

    Cursor(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return i >= s.length();
    }

    char peek() {
      return atEnd() ? '\0' : s.charAt(i);
    }

    void next() {
      i++;
    }

    void skip(String chars) {
      while (!atEnd() && chars.indexOf(s.charAt(i)) >= 0) {
        i++;
      }
    }

    String token() {
      int start = i;
      while (!atEnd() && " \t,=\"".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      return s.substring(start, i);
    }

    String quoted() {
      StringBuilder out = new StringBuilder();
      i++; // opening quote
      while (!atEnd() && s.charAt(i) != '"') {
        if (s.charAt(i) == '\\' && i + 1 < s.length()) {
          i++;
        }
        out.append(s.charAt(i++));
      }
      i++; // closing quote
      return out.toString();
    }
  }
}
