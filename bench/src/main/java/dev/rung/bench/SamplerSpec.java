package dev.rung.bench;

import dev.rung.samplers.Sampler;
import dev.rung.samplers.tpe.GammaFunction;
import dev.rung.samplers.tpe.TpeSampler;
import dev.rung.samplers.tpe.WeightsFunction;
import java.util.function.LongFunction;

/**
 * A TPE configuration written on the command line, for comparing settings: {@code
 * tpe-mv:candidates=64,prior=0.5} or {@code tpe:gamma=sqrt} (options separated by "," or, inside a
 * list of samplers, by ";"). Keys: candidates, prior, random (the random fraction), startup, clip,
 * endpoints, liar, liar-weight, share-candidates, mv-in-flight, catfirst, group, gamma ({@code
 * optuna}, {@code sqrt}, {@code hyperopt} or a fraction such as {@code 0.15}), weights ({@code
 * optuna} or {@code uniform}).
 */
final class SamplerSpec {
  private SamplerSpec() {}

  static LongFunction<Sampler> parse(String spec) {
    String[] parts = spec.split(":", 2);
    boolean mv =
        switch (parts[0]) {
          case "tpe" -> false;
          case "tpe-mv" -> true;
          default ->
              throw new IllegalArgumentException(
                  "sampler spec '" + spec + "': base must be tpe or tpe-mv");
        };
    String[] options = parts[1].split("[,;]");
    return seed -> {
      TpeSampler.Builder b = TpeSampler.builder().seed(seed).multivariate(mv);
      for (String o : options) {
        String[] kv = o.split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("sampler option '" + o + "' is not key=value");
        }
        String v = kv[1];
        String what = "sampler option " + kv[0];
        switch (kv[0]) {
          case "candidates" -> b.candidates(Integer.parseInt(v));
          case "prior" -> b.priorWeight(Double.parseDouble(v));
          case "random" -> b.randomFraction(Double.parseDouble(v));
          case "startup" -> b.startupTrials(Integer.parseInt(v));
          case "clip" -> b.considerMagicClip(Args.bool(what, v));
          case "endpoints" -> b.considerEndpoints(Args.bool(what, v));
          case "liar" -> b.constantLiar(Args.bool(what, v));
          case "liar-weight" -> b.liarWeight(Double.parseDouble(v));
          case "share-candidates" -> b.shareCandidates(Args.bool(what, v));
          case "mv-in-flight" -> b.multivariateInFlight(Args.bool(what, v));
          case "catfirst" -> b.categoricalsFirst(Args.bool(what, v));
          case "group" -> b.group(Args.bool(what, v));
          case "gamma" -> b.gamma(gamma(v));
          case "weights" ->
              b.weights(
                  switch (v) {
                    case "uniform" -> WeightsFunction.uniform();
                    case "optuna" -> WeightsFunction.optuna();
                    default ->
                        throw new IllegalArgumentException(
                            what + " is '" + v + "': expected uniform or optuna");
                  });
          default -> throw new IllegalArgumentException("unknown sampler option '" + kv[0] + "'");
        }
      }
      return b.build();
    };
  }

  private static GammaFunction gamma(String v) {
    return switch (v) {
      case "optuna" -> GammaFunction.optuna();
      case "hyperopt" -> GammaFunction.hyperopt();
      case "sqrt" -> n -> Math.min((int) Math.ceil(Math.sqrt(n)), 25);
      default -> {
        double beta = Double.parseDouble(v);
        yield n -> Math.min((int) Math.ceil(beta * n), 25);
      }
    };
  }
}
