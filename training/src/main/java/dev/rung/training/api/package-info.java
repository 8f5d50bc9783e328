/**
 * The interface for training a sweep's trials with your own code: implement {@link
 * dev.rung.training.api.Trainer} and name the class in {@code rung.model.trainer}.
 */
package dev.rung.training.api;
