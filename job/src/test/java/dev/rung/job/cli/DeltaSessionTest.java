package dev.rung.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The Spark settings a sweep on Delta tables gives its own session. */
class DeltaSessionTest {

  @Test
  void deltaIsAddedBesideTheExtensionsAndCatalogGiven() {
    SparkConf bare = new SparkConf(false);
    DeltaSession.configure(bare);
    assertEquals(DeltaSession.EXTENSION, bare.get(DeltaSession.EXTENSIONS));
    assertEquals(DeltaSession.DELTA_CATALOG, bare.get(DeltaSession.CATALOG));

    SparkConf given = new SparkConf(false);
    given.set(DeltaSession.EXTENSIONS, "com.example.Ext");
    given.set(DeltaSession.CATALOG, "com.example.Catalog");
    DeltaSession.configure(given);
    assertEquals(
        "com.example.Ext," + DeltaSession.EXTENSION,
        given.get(DeltaSession.EXTENSIONS),
        "the user's extension kept, Delta's added");
    assertEquals("com.example.Catalog", given.get(DeltaSession.CATALOG), "the user's catalog kept");

    SparkConf twice = new SparkConf(false);
    twice.set(DeltaSession.EXTENSIONS, DeltaSession.EXTENSION);
    DeltaSession.configure(twice);
    assertEquals(DeltaSession.EXTENSION, twice.get(DeltaSession.EXTENSIONS), "not added twice");
  }
}
