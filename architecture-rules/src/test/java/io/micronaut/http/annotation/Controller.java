package io.micronaut.http.annotation;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * Test stand-in with the name of Micronaut's annotation: the rules name framework types by string.
 */
@Retention(RetentionPolicy.RUNTIME)
public @interface Controller {}
