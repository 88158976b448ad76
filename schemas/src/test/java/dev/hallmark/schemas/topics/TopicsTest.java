package dev.hallmark.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.events.AuditCheckpoint;
import dev.hallmark.events.AuditRecord;
import dev.hallmark.schemas.EventTypes;
import dev.hallmark.schemas.SampleEvents;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void all_names_areUnique() {
    List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();

    assertThat(names).doesNotHaveDuplicates();
  }

  @Test
  void all_names_followTheNamingConvention() {
    assertThat(Topics.ALL)
        .allSatisfy(
            topic ->
                assertThat(topic.name())
                    .as("rename to hallmark.<name>[.<qualifier>].v<N>, lowercase and dashes")
                    .matches("hallmark\\.[a-z-]+(\\.[a-z-]+)?\\.v\\d+"));
  }

  @Test
  void all_owner_isExactlyOneHallmarkService() {
    assertThat(Topics.ALL)
        .allSatisfy(
            topic ->
                assertThat(Services.ALL)
                    .as("owner of %s must be one service name (single writer)", topic.name())
                    .contains(topic.owner()));
  }

  @Test
  void all_consumers_areKnownServicesOrOperatorsButNotTheOwner() {
    Set<String> known = new HashSet<>(Services.ALL);
    known.add(Services.OPERATORS);

    assertThat(Topics.ALL)
        .allSatisfy(
            topic -> {
              assertThat(known).containsAll(topic.consumers());
              assertThat(topic.consumers()).doesNotContain(topic.owner());
            });
  }

  @Test
  void audit_partitions_isOneForGlobalOrder() {
    assertThat(Topics.AUDIT.partitions()).isEqualTo(1);
  }

  @Test
  void audit_eventTypes_areRecordsAndCheckpointsByAuditService() {
    assertThat(Topics.AUDIT.eventTypes()).containsExactly(AuditRecord.class, AuditCheckpoint.class);
    assertThat(Topics.AUDIT.owner()).isEqualTo(Services.AUDIT);
  }

  @Test
  void eventTopics_eachEventType_isWrittenToExactlyOneTopic() {
    List<Class<?>> onTopics = new ArrayList<>();
    Topics.ALL.forEach(topic -> onTopics.addAll(topic.eventTypes()));

    assertThat(onTopics)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
  }

  @Test
  void deadLetterFor_everyConsumingService_returnsTopicItOwns() {
    Set<String> consumingServices = new HashSet<>();
    Topics.ALL.forEach(topic -> consumingServices.addAll(topic.consumers()));
    consumingServices.retainAll(Services.ALL);

    assertThat(consumingServices).isNotEmpty();
    for (String service : consumingServices) {
      TopicSpec deadLetter = Topics.deadLetterFor(service);
      assertThat(deadLetter.name()).isEqualTo("hallmark.dead-letter." + service + ".v1");
      assertThat(deadLetter.owner()).isEqualTo(service);
      assertThat(Topics.ALL).contains(deadLetter);
    }
  }

  @Test
  void deadLetterFor_unknownService_throwsIllegalArgument() {
    assertThatThrownBy(() -> Topics.deadLetterFor("billing-service"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("billing-service");
  }

  @Test
  void all_lists_areImmutable() {
    assertThatThrownBy(() -> Topics.ALL.add(Topics.AUDIT))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> Topics.SIGNING_REQUESTS.consumers().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void imageKey_image_isRegistryRepositoryAtDigest() {
    assertThat(Topics.imageKey(SampleEvents.image()))
        .isEqualTo("registry.example:5000/demo/app@" + SampleEvents.DIGEST);
  }

  @Test
  void auditKey_withAndWithoutRequest_isRequestIdOrDash() {
    UUID requestId = SampleEvents.REQUEST_ID;

    assertThat(Topics.auditKey(requestId)).isEqualTo(requestId.toString());
    assertThat(Topics.auditKey(null)).isEqualTo("-");
  }

  @Test
  void usedBy_audit_includesEveryEventTopicItConsumesAndTopicsItOwns() {
    assertThat(Topics.usedBy(Services.AUDIT))
        .contains(
            Topics.SIGNING_REQUESTS,
            Topics.POLICY_DECISIONS,
            Topics.SIGNATURES,
            Topics.PUBLICATIONS,
            Topics.PROJECTS,
            Topics.AUDIT,
            Topics.DEAD_LETTER_AUDIT)
        .doesNotContain(Topics.DEAD_LETTER_INTAKE);
  }

  @Test
  void usedBy_intake_isItsTopicsAndWhatItConsumes() {
    assertThat(Topics.usedBy(Services.INTAKE))
        .containsExactlyInAnyOrder(
            Topics.SIGNING_REQUESTS,
            Topics.POLICY_DECISIONS,
            Topics.SIGNATURES,
            Topics.PUBLICATIONS,
            Topics.PROJECTS,
            Topics.DEAD_LETTER_INTAKE);
  }

  @Test
  void usedBy_policy_includesTheProjectCatalogueItWrites() {
    assertThat(Topics.usedBy(Services.POLICY)).contains(Topics.PROJECTS);
  }

  @Test
  void projects_cleanupPolicy_isCompactAndTheOnlyCompactedTopic() {
    assertThat(Topics.PROJECTS.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
    assertThat(Topics.PROJECTS.key()).isEqualTo("project name");
    assertThat(Topics.PROJECTS.owner()).isEqualTo(Services.POLICY);
    assertThat(Topics.PROJECTS.consumers()).containsExactly(Services.INTAKE, Services.AUDIT);
    assertThat(Topics.ALL)
        .filteredOn(topic -> topic != Topics.PROJECTS)
        .allSatisfy(topic -> assertThat(topic.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE));
  }

  @Test
  void names_constants_matchTheCatalogue() {
    assertThat(
            List.of(
                Topics.Names.SIGNING_REQUESTS,
                Topics.Names.POLICY_DECISIONS,
                Topics.Names.SIGNATURES,
                Topics.Names.PUBLICATIONS,
                Topics.Names.AUDIT,
                Topics.Names.PROJECTS))
        .containsExactly(
            Topics.SIGNING_REQUESTS.name(),
            Topics.POLICY_DECISIONS.name(),
            Topics.SIGNATURES.name(),
            Topics.PUBLICATIONS.name(),
            Topics.AUDIT.name(),
            Topics.PROJECTS.name());
  }
}
