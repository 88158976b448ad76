package dev.hallmark.policy.config;

import dev.hallmark.policy.model.ApprovalRule;
import dev.hallmark.policy.model.Approver;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code approval} block of a policy into an {@link ApprovalRule}, collecting a problem
 * per bad key. A rule that no set of approvers could ever satisfy (fewer members in the group than
 * approvals required) is a problem too: requests under it would only ever expire.
 */
final class ApprovalRules {
  static final Set<String> APPROVAL_KEYS = Set.of("required", "group", "expires-after");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(s|m|h|d)");

  private ApprovalRules() {}

  /**
   * @param tree the {@code approval} block; null when the policy has none
   * @param key the block's configuration key, for problems
   * @param approvers the project's approvers, to check that the group can approve at all
   * @return the rule; empty when there is no block or it has problems
   */
  static Optional<ApprovalRule> parse(
      Map<String, Object> tree, String key, Collection<Approver> approvers, List<String> problems) {
    if (tree == null) {
      return Optional.empty();
    }
    int before = problems.size();
    tree.keySet().stream()
        .filter(entry -> !entry.contains("[") && !APPROVAL_KEYS.contains(entry))
        .sorted()
        .forEach(
            entry ->
                problems.add(key + "." + entry + ": unknown key; known keys are " + APPROVAL_KEYS));
    int required = required(tree.get("required"), key + ".required", problems);
    String group = tree.get("group") == null ? "" : String.valueOf(tree.get("group"));
    if (group.isBlank()) {
      problems.add(key + ".group: is required (an approver group of the project)");
    }
    Duration expiresAfter = expiry(tree.get("expires-after"), key + ".expires-after", problems);
    if (problems.size() > before) {
      return Optional.empty();
    }
    long members = approvers.stream().filter(approver -> approver.inGroup(group)).count();
    if (members < required) {
      problems.add(
          key
              + ".group: group "
              + group
              + " has "
              + members
              + " approver(s), fewer than the "
              + required
              + " approvals required");
      return Optional.empty();
    }
    return Optional.of(new ApprovalRule(required, group, expiresAfter));
  }

  private static int required(Object value, String key, List<String> problems) {
    try {
      int required = Integer.parseInt(String.valueOf(value));
      if (required >= 1 && required <= 10) {
        return required;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(key + ": must be a whole number from 1 to 10, was " + value);
    return 1;
  }

  /** {@code 24h}, {@code 30m}, {@code 7d} or ISO-8601 ({@code PT24H}); default 24 hours. */
  private static Duration expiry(Object value, String key, List<String> problems) {
    if (value == null) {
      return ApprovalRule.DEFAULT_EXPIRY;
    }
    String text = String.valueOf(value).trim();
    Duration duration = null;
    Matcher match = SHORT_DURATION.matcher(text);
    if (match.matches()) {
      long amount = Long.parseLong(match.group(1));
      duration =
          switch (match.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
    } else {
      try {
        duration = Duration.parse(text);
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    if (duration == null
        || duration.isNegative()
        || duration.isZero()
        || duration.compareTo(ApprovalRule.MAX_EXPIRY) > 0) {
      problems.add(
          key
              + ": must be a duration such as 24h, 30m or 7d (at most "
              + ApprovalRule.MAX_EXPIRY.toDays()
              + "d), was "
              + value);
      return ApprovalRule.DEFAULT_EXPIRY;
    }
    return duration;
  }
}
