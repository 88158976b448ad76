package dev.hallmark.intake.oci;

import java.util.regex.Pattern;

/** Tags by the distribution reference grammar: {@code [\w][\w.-]{0,127}}. */
public final class ImageTag {
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  private ImageTag() {}

  public static boolean isValid(String tag) {
    return tag != null && TAG.matcher(tag).matches();
  }
}
