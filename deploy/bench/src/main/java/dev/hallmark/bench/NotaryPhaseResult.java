package dev.hallmark.bench;

/**
 * What one phase of {@code stack bench-notary} measured.
 *
 * @param name the phase, for the table
 * @param role the Notary role its tags must be listed under
 * @param tags tags the phase set out to publish
 * @param published tags whose publication ended well (request COMPLETED, notary command exit 0)
 * @param listed tags {@code notary list} shows afterwards with the image's digest and size, under
 *     {@code role}
 * @param seconds from the first publication's start to the last one's end
 * @param latency per publication (a CI request, or one addhash and publish); count 0 for a batch
 * @param problem why tags were not published or not listed, or null
 */
record NotaryPhaseResult(
    String name,
    String role,
    int tags,
    int published,
    int listed,
    double seconds,
    LatencySummary latency,
    String problem) {

  /** Throughput: published tags per second of wall time. */
  double perSecond() {
    return seconds > 0 ? published / seconds : 0;
  }

  /** Wall time per published tag, the inverse of {@link #perSecond}. */
  double millisPerTag() {
    return published > 0 ? seconds * 1000 / published : 0;
  }

  /** A tag listed although its publication failed would still be a fault: both must hold. */
  boolean complete() {
    return published == tags && listed == tags;
  }

  /** The same phase with what {@code notary list} showed afterwards. */
  NotaryPhaseResult withListing(NotaryListing.Verification verification) {
    String problems =
        problem == null
            ? verification.problem()
            : verification.problem() == null ? problem : problem + "; " + verification.problem();
    return new NotaryPhaseResult(
        name, role, tags, published, verification.listed(), seconds, latency, problems);
  }
}
