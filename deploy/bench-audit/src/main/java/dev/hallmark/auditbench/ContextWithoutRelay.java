package dev.hallmark.auditbench;

import dev.hallmark.audit.checkpoint.CheckpointMade;
import dev.hallmark.runtime.outbox.OutboxRelay;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.DefaultApplicationContext;
import io.micronaut.context.DefaultApplicationContextBuilder;
import io.micronaut.context.RuntimeBeanDefinition;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.BeanDefinitionReference;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * audit-service's own beans, as its application context makes them, minus the outbox relay: the
 * {@link OutboxRelay} and the beans that drive it are left out of the context, so the outbox keeps
 * every row the ledger and the checkpoints write (counted at the end) and the benchmark needs no
 * Kafka producer. A scratch ledger's events must never reach a real topic, and a production setting
 * that turns the relay off would be one more way to lose events in a real deployment.
 *
 * <p>Should the relay gain another driver, that bean would be left in and fail the context's start
 * for want of an {@code OutboxRelay}: loud, never a relay that runs unnoticed.
 */
final class ContextWithoutRelay extends DefaultApplicationContextBuilder {
  private static final String OUTBOX_PACKAGE = OutboxRelay.class.getPackageName();

  private ContextWithoutRelay() {}

  /** Starts the context with {@code properties} and {@code timings} listening to checkpoints. */
  static ApplicationContext start(Map<String, Object> properties, CheckpointTimings timings) {
    ContextWithoutRelay builder = new ContextWithoutRelay();
    builder
        .deduceEnvironment(false)
        .properties(properties)
        .beanDefinitions(
            RuntimeBeanDefinition.builder(
                    Argument.of(ApplicationEventListener.class, CheckpointMade.class),
                    () -> timings)
                .build());
    return builder.start();
  }

  @Override
  protected ApplicationContext newApplicationContext() {
    return new DefaultApplicationContext(this) {
      @Override
      protected List<BeanDefinitionReference> resolveBeanDefinitionReferences() {
        return withoutRelay(super.resolveBeanDefinitionReferences());
      }
    };
  }

  /**
   * Leaves out the relay (and its AOP subclass), the outbox's beans constructed with a relay, and
   * what Micronaut generated for those (their event listener adapters: {@code Type$...}).
   */
  static List<BeanDefinitionReference> withoutRelay(List<BeanDefinitionReference> references) {
    Set<String> left =
        references.stream()
            .filter(ContextWithoutRelay::isRelayOrDrivesIt)
            .map(reference -> reference.getBeanType().getName())
            .collect(Collectors.toSet());
    return references.stream()
        .filter(
            reference ->
                !reference.isPresent()
                    || left.stream().noneMatch(name -> isOrBelongsTo(reference, name)))
        .toList();
  }

  private static boolean isOrBelongsTo(BeanDefinitionReference<?> reference, String typeName) {
    String name = reference.getBeanType().getName();
    return name.equals(typeName) || name.startsWith(typeName + "$");
  }

  private static boolean isRelayOrDrivesIt(BeanDefinitionReference<?> reference) {
    if (!reference.isPresent()) {
      return false;
    }
    Class<?> type = reference.getBeanType();
    if (OutboxRelay.class.isAssignableFrom(type)) {
      return true;
    }
    if (!type.getPackageName().equals(OUTBOX_PACKAGE) || type.getName().contains("$")) {
      return false;
    }
    BeanDefinition<?> definition = reference.load();
    return Arrays.stream(definition.getConstructor().getArguments())
        .anyMatch(argument -> OutboxRelay.class.isAssignableFrom(argument.getType()));
  }
}
