package dev.hallmark.intake.projects;

import java.util.regex.Pattern;

/**
 * A repository pattern of a signing policy over {@code <registry>/<path>}: {@code *} matches within
 * one path segment, {@code **} any number of segments. The same rules as in policy-service, which
 * makes the binding decision; intake uses them only to route registry pushes.
 */
public record RepositoryPattern(String glob, Pattern regex) {

  public static RepositoryPattern of(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new RepositoryPattern(glob, Pattern.compile(regex.toString()));
  }

  public boolean matches(String repository) {
    return regex.matcher(repository).matches();
  }

  /**
   * How narrowly the pattern names repositories: its characters that are not wildcards. {@code
   * reg/demo/app} (11) is more specific than {@code reg/demo/*} (9), which is more specific than
   * {@code reg/**} (4).
   */
  public int specificity() {
    return glob.replace("*", "").length();
  }
}
