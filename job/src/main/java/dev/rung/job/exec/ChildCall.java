package dev.rung.job.exec;

import java.io.Serializable;

/**
 * Work a {@link ChildJvm} runs: serialized to the child, called there, and its result serialized
 * back.
 *
 * @param <T> the result
 */
@FunctionalInterface
interface ChildCall<T extends Serializable> extends Serializable {
  T call() throws Exception;
}
