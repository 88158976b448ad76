package dev.hallmark.intake.request;

/** Life cycle of a signing request as clients see it. */
public enum RequestStatus {
  RECEIVED,
  PENDING_APPROVAL,
  DENIED,
  SIGNING,
  COMPLETED,
  FAILED
}
