package dev.hallmark.policy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void matches_literalPattern_matchesOnlyItself() {
    Glob glob = Glob.of("registry.example:5000/team/app");

    assertThat(glob.matches("registry.example:5000/team/app")).isTrue();
    assertThat(glob.matches("registry.example:5000/team/app2")).isFalse();
    assertThat(glob.matches("registry.example:5000/team/App")).isFalse();
  }

  @Test
  void matches_dotsAndColons_areLiteralNotRegex() {
    Glob glob = Glob.of("127.0.0.1:15000/demo/app");

    assertThat(glob.matches("127x0x0x1:15000/demo/app")).isFalse();
  }

  @Test
  void matches_regexMetacharacters_areLiteral() {
    Glob glob = Glob.of("r.example/a+b/(x)?/[y]");

    assertThat(glob.matches("r.example/a+b/(x)?/[y]")).isTrue();
    assertThat(glob.matches("r.example/aab/x/y")).isFalse();
  }

  @Test
  void matches_singleStar_staysWithinOnePathSegment() {
    Glob glob = Glob.of("127.0.0.1:15000/demo/*");

    assertThat(glob.matches("127.0.0.1:15000/demo/app")).isTrue();
    assertThat(glob.matches("127.0.0.1:15000/demo/")).isTrue();
    assertThat(glob.matches("127.0.0.1:15000/demo/team/app")).isFalse();
    assertThat(glob.matches("127.0.0.1:15000/other/app")).isFalse();
  }

  @Test
  void matches_singleStarInsideSegment_matchesPartOfIt() {
    Glob glob = Glob.of("r.example/demo/app-*-ci");

    assertThat(glob.matches("r.example/demo/app-42-ci")).isTrue();
    assertThat(glob.matches("r.example/demo/app-4/2-ci")).isFalse();
  }

  @Test
  void matches_doubleStar_matchesAnyDepth() {
    Glob glob = Glob.of("127.0.0.1:15000/demo/**");

    assertThat(glob.matches("127.0.0.1:15000/demo/app")).isTrue();
    assertThat(glob.matches("127.0.0.1:15000/demo/team/sub/app")).isTrue();
    assertThat(glob.matches("127.0.0.1:15000/demo")).isFalse();
    assertThat(glob.matches("127.0.0.1:15000/demos/app")).isFalse();
  }

  @Test
  void matches_doubleStarInTheMiddle_matchesOneOrMoreSegments() {
    Glob glob = Glob.of("r.example/**/app");

    assertThat(glob.matches("r.example/team/app")).isTrue();
    assertThat(glob.matches("r.example/a/b/c/app")).isTrue();
    assertThat(glob.matches("r.example/app")).isFalse();
  }

  @Test
  void matches_starAsRegistry_matchesAnyRegistry() {
    Glob glob = Glob.of("*/demo/app");

    assertThat(glob.matches("127.0.0.1:15000/demo/app")).isTrue();
    assertThat(glob.matches("registry.example/demo/app")).isTrue();
    assertThat(glob.matches("r.example/x/demo/app")).isFalse();
  }

  @Test
  void matches_tagPatterns_matchTags() {
    assertThat(Glob.of("*").matches("1.0")).isTrue();
    assertThat(Glob.of("v*").matches("v1.2.3")).isTrue();
    assertThat(Glob.of("v*").matches("latest")).isFalse();
    assertThat(Glob.of("1.*").matches("1.0-rc1")).isTrue();
  }

  @Test
  void of_blankPattern_throwsNamingTheProblem() {
    assertThatThrownBy(() -> Glob.of(" "))
        .isInstanceOf(InvalidGlobException.class)
        .hasMessageContaining("must not be blank");
  }

  @Test
  void of_whitespace_throws() {
    assertThatThrownBy(() -> Glob.of("r.example/demo/ app"))
        .isInstanceOf(InvalidGlobException.class)
        .hasMessageContaining("whitespace");
  }

  @Test
  void of_tripleStar_throws() {
    assertThatThrownBy(() -> Glob.of("r.example/***"))
        .isInstanceOf(InvalidGlobException.class)
        .hasMessageContaining("'***'");
  }

  @Test
  void pattern_isTheSourceText() {
    assertThat(Glob.of("r.example/**").pattern()).isEqualTo("r.example/**");
    assertThat(Glob.of("r.example/**")).isEqualTo(Glob.of("r.example/**"));
  }
}
