package dev.hallmark.policy.model;

import java.util.List;
import java.util.Optional;

/**
 * Where projects and their signing policies come from. Now: the configuration ({@code
 * ConfiguredPolicyCatalogue}); later: the database, with versioned policies.
 */
public interface PolicyCatalogue {

  /** Every project, sorted by name. */
  List<Project> projects();

  Optional<Project> project(String name);
}
