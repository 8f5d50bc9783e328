package dev.rung.job.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class LocalMasterTest {
  private static Optional<LocalMaster> of(String master) {
    return LocalMaster.of(new SparkConf(false).set("spark.master", master));
  }

  @Test
  void readsTheThreadsAndTriesOfALocalMaster() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(Optional.of(new LocalMaster(1, 1)), of("local"));
    assertEquals(Optional.of(new LocalMaster(3, 1)), of("local[3]"));
    assertEquals(Optional.of(new LocalMaster(cores, 1)), of("local[*]"));
    assertEquals(Optional.of(new LocalMaster(4, 3)), of("local[4, 3]"));
    assertEquals(Optional.of(new LocalMaster(cores, 2)), of("local[*,2]"));
  }

  @Test
  void aTaskTakingSeveralCoresTakesAsManyThreads() {
    SparkConf conf =
        new SparkConf(false).set("spark.master", "local[4]").set("spark.task.cpus", "2");
    assertEquals(Optional.of(new LocalMaster(2, 1)), LocalMaster.of(conf));
  }

  @Test
  void clustersAndLocalClustersAreNotLocal() {
    for (String master :
        new String[] {"local-cluster[2,1,1024]", "spark://host:7077", "yarn", "k8s://h:443", ""}) {
      assertEquals(Optional.empty(), of(master), master);
    }
  }
}
