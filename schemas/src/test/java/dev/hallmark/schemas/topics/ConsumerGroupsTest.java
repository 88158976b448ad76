package dev.hallmark.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsumerGroupsTest {

  @Test
  void all_ids_areUnique() {
    assertThat(ConsumerGroups.ALL.stream().map(ConsumerGroup::id)).doesNotHaveDuplicates();
  }

  @Test
  void sharedGroups_keepTheirDeployedIds_theServiceNames() {
    assertThat(ConsumerGroups.ALL.stream().filter(group -> !group.everyInstanceReadsAll()))
        .allSatisfy(group -> assertThat(group.id()).isEqualTo(group.service()));
  }

  @Test
  void all_topics_listTheReadingServiceAsConsumer() {
    assertThat(ConsumerGroups.ALL)
        .allSatisfy(
            group ->
                assertThat(group.topics())
                    .allSatisfy(
                        name ->
                            assertThat(
                                    Topics.ALL.stream()
                                        .filter(topic -> topic.name().equals(name))
                                        .findFirst()
                                        .orElseThrow()
                                        .consumers())
                                .as(
                                    "add %s to the consumers of %s in Topics",
                                    group.service(), name)
                                .contains(group.service())));
  }

  @Test
  void every_consumingService_hasAGroupForEveryTopicItReads() {
    assertThat(Topics.ALL)
        .allSatisfy(
            topic ->
                topic.consumers().stream()
                    .filter(Services.ALL::contains)
                    .forEach(
                        service ->
                            assertThat(
                                    ConsumerGroups.of(service).stream()
                                        .anyMatch(group -> group.topics().contains(topic.name())))
                                .as(
                                    "%s reads %s: add it to a group in ConsumerGroups",
                                    service, topic.name())
                                .isTrue()));
  }
}
