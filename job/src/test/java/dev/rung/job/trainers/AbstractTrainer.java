package dev.rung.job.trainers;

import dev.rung.training.api.Trainer;

/** A trainer class that cannot be instantiated, for the configuration checks. */
public abstract class AbstractTrainer implements Trainer {}
