package dev.rung.job.tables;

/**
 * Where a trial's row came from; any component may be null when unknown.
 *
 * @param configHash hash of the sweep configuration
 * @param codeVersion version of the code that trained the trial
 * @param nd4jBackend ND4J backend (for example {@code CPU} or {@code CUDA})
 * @param javaVersion Java runtime version
 * @param sparkVersion Spark version
 */
public record Provenance(
    String configHash,
    String codeVersion,
    String nd4jBackend,
    String javaVersion,
    String sparkVersion) {

  /** Provenance with every component unknown. */
  public static final Provenance UNKNOWN = new Provenance(null, null, null, null, null);
}
