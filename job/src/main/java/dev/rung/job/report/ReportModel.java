package dev.rung.job.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rung.distributions.CategoricalDistribution;
import dev.rung.distributions.Distribution;
import dev.rung.distributions.FloatDistribution;
import dev.rung.distributions.IntDistribution;
import dev.rung.job.results.StoredStudy;
import dev.rung.job.tables.IntermediateValueRow;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.job.tables.SegmentRow;
import dev.rung.job.tables.TrialRow;
import dev.rung.study.Direction;
import dev.rung.study.TrialState;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The data of a report, computed from a stored study: everything the page draws, as one JSON
 * object. The page only lays it out; the figures (best so far, epochs spent, the Pareto front, the
 * interpolated contours, the timeline's utilization) are computed here, where they can be tested.
 *
 * <p>Values that are not finite numbers become null: JSON has no NaN.
 */
public final class ReportModel {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Cells per side of a contour's grid. */
  static final int CONTOUR_GRID = 24;

  /** How many of the most important parameters the contours pair up. */
  static final int CONTOUR_PARAMS = 3;

  private final StoredStudy study;
  private final Importance importance;
  private final Map<Integer, Double> objective = new LinkedHashMap<>();

  /** Parameter importance for the report. */
  @FunctionalInterface
  public interface Importance {
    /**
     * @return one entry per evaluator (e.g. {@code fANOVA}), in the order to show them
     */
    Map<String, Ranking> of(StoredStudy study);
  }

  /**
   * One evaluator's answer: parameter names to their importance, most important first; or, when it
   * could not rank them, why.
   */
  public record Ranking(Map<String, Double> shares, String unavailable) {
    /** A ranking. */
    public static Ranking of(Map<String, Double> shares) {
      return new Ranking(shares, null);
    }

    /** No ranking, for the reason given. */
    public static Ranking unavailable(String why) {
      return new Ranking(Map.of(), why);
    }
  }

  private ReportModel(StoredStudy study, Importance importance) {
    this.study = study;
    this.importance = importance;
    for (TrialRow r : study.trials()) {
      if (r.state() == TrialState.COMPLETE
          && !r.values().isEmpty()
          && Double.isFinite(r.values().get(0))) {
        objective.put(r.number(), r.values().get(0));
      }
    }
  }

  /**
   * The report's data for {@code study}.
   *
   * @param importance how parameter importance is computed
   * @param generated when the report is made
   * @param running whether a sweep is still writing the study (the page then says so)
   */
  public static ObjectNode of(
      StoredStudy study, Importance importance, Instant generated, boolean running) {
    return of(study, importance, generated, running, Nights.none());
  }

  /**
   * As {@link #of(StoredStudy, Importance, Instant, boolean)}, with the other runs of the study
   * under its root side by side ({@code nights}, when there are any).
   */
  public static ObjectNode of(
      StoredStudy study, Importance importance, Instant generated, boolean running, Nights nights) {
    ObjectNode root = new ReportModel(study, importance).build(generated, running);
    if (nights.worthShowing()) {
      root.set("nights", nights.model(study));
    }
    return root;
  }

  private ObjectNode build(Instant generated, boolean running) {
    ObjectNode root = JSON.createObjectNode();
    root.set("study", summary(generated, running));
    root.set("params", params());
    root.set("trials", trials());
    if (study.multiObjective()) {
      root.set("pareto", pareto());
    } else {
      root.set("history", history());
      root.set("edf", edf());
    }
    Map<String, Ranking> importances =
        objective.size() >= 2 && !study.space().isEmpty()
            ? importance.of(study)
            : Map.<String, Ranking>of();
    ObjectNode imp = root.putObject("importance");
    ObjectNode missing = root.putObject("importanceUnavailable");
    importances.forEach(
        (evaluator, ranking) -> {
          if (ranking.unavailable() != null) {
            missing.put(evaluator, ranking.unavailable());
            return;
          }
          ArrayNode rows = imp.putArray(evaluator);
          ranking.shares().forEach((name, share) -> rows.addArray().add(name).add(share));
        });
    root.set("contours", contours(topParams(importances)));
    root.set("curves", curves());
    root.set("decisions", decisions());
    root.set("timeline", timeline());
    return root;
  }

  // ---- summary -------------------------------------------------------------------------------

  private ObjectNode summary(Instant generated, boolean running) {
    ObjectNode s = JSON.createObjectNode();
    s.put("name", study.identity().study());
    ArrayNode dirs = s.putArray("directions");
    study.directions().forEach(d -> dirs.add(d.name().toLowerCase(Locale.ROOT)));
    ArrayNode metrics = s.putArray("metrics");
    study.identity().metrics().forEach(metrics::add);
    s.put("model", study.identity().model());
    s.put("epochs", study.identity().epochs());
    s.put("output", study.output().toString());
    s.put("generated", generated.toString());
    s.put("running", running);
    s.put("finished", study.finished());
    ObjectNode counts = s.putObject("counts");
    for (TrialState st : TrialState.values()) {
      counts.put(st.name(), 0);
    }
    long epochs = 0;
    for (TrialRow r : study.trials()) {
      counts.put(r.state().name(), counts.get(r.state().name()).asInt() + 1);
      epochs += r.epochsTrained();
    }
    s.put("epochsSpent", epochs);
    Instant first = null;
    Instant last = null;
    long busy = 0;
    for (SegmentRow g : study.segments()) {
      first = first == null || g.start().isBefore(first) ? g.start() : first;
      last = last == null || g.end().isAfter(last) ? g.end() : last;
      busy += Math.max(0, g.durationMs());
    }
    if (first != null) {
      s.put("wallMillis", last.toEpochMilli() - first.toEpochMilli());
      s.put("segmentMillis", busy);
    }
    TrialRow latest = null;
    for (TrialRow r : study.trials()) {
      if (r.provenance() != null && r.provenance().configHash() != null) {
        latest = r;
      }
    }
    if (latest != null) {
      ObjectNode p = s.putObject("provenance");
      p.put("config_hash", latest.provenance().configHash());
      p.put("code_version", latest.provenance().codeVersion());
      p.put("nd4j_backend", latest.provenance().nd4jBackend());
      p.put("java_version", latest.provenance().javaVersion());
      p.put("spark_version", latest.provenance().sparkVersion());
    }
    ArrayNode best = s.putArray("best");
    study.best().forEach(r -> best.add(r.number()));
    JsonNode summary = study.summary();
    if (summary != null && summary.has("metrics") && summary.path("best_trial").isInt()) {
      ObjectNode test = s.putObject("testMetrics");
      test.put("trial", summary.get("best_trial").asInt());
      summary
          .get("metrics")
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isNumber()) {
                  putNumber(test, e.getKey(), e.getValue().asDouble());
                }
              });
      if (summary.hasNonNull("test_error")) {
        test.put("error", summary.get("test_error").asText());
      }
    }
    return s;
  }

  // ---- parameters and trials -----------------------------------------------------------------

  private ArrayNode params() {
    ArrayNode out = JSON.createArrayNode();
    study
        .space()
        .forEach(
            (name, d) -> {
              ObjectNode p = out.addObject();
              p.put("name", name);
              if (d instanceof FloatDistribution f) {
                p.put("kind", "float")
                    .put("log", f.log())
                    .put("low", f.low())
                    .put("high", f.high());
              } else if (d instanceof IntDistribution i) {
                p.put("kind", "int").put("log", i.log()).put("low", i.low()).put("high", i.high());
              } else {
                CategoricalDistribution c = (CategoricalDistribution) d;
                p.put("kind", "categorical").put("log", false);
                ArrayNode choices = p.putArray("choices");
                c.choices().forEach(v -> choices.add(String.valueOf(v)));
              }
            });
    return out;
  }

  private ArrayNode trials() {
    ArrayNode out = JSON.createArrayNode();
    for (TrialRow r : study.trials()) {
      ObjectNode t = out.addObject();
      t.put("n", r.number());
      t.put("state", r.state().name());
      ArrayNode values = t.putArray("values");
      r.values().forEach(v -> addNumber(values, v));
      ObjectNode params = t.putObject("params");
      for (Map.Entry<String, Distribution> e : study.space().entrySet()) {
        Object v = r.params().get(e.getKey());
        if (v == null) {
          params.putNull(e.getKey());
        } else if (e.getValue() instanceof CategoricalDistribution) {
          params.put(e.getKey(), String.valueOf(v));
        } else {
          putNumber(params, e.getKey(), ((Number) v).doubleValue());
        }
      }
      t.put("epochs", r.epochsTrained());
      t.put("rung", r.rung());
      if (r.bracket() != null) {
        t.put("bracket", r.bracket());
      }
      if (r.start() != null) {
        t.put("start", r.start().toEpochMilli());
      }
      if (r.end() != null) {
        t.put("end", r.end().toEpochMilli());
      }
      if (r.durationMs() != null) {
        t.put("durationMs", r.durationMs());
      }
      if (r.failReason() != null) {
        t.put("failReason", r.failReason());
      }
      if (!r.userAttrs().isEmpty()) {
        ObjectNode attrs = t.putObject("attrs");
        r.userAttrs().forEach(attrs::put);
      }
    }
    return out;
  }

  // ---- one objective: history and EDF --------------------------------------------------------

  /**
   * Each COMPLETE trial's objective and the best so far, by trial number, and by the epochs the
   * study had trained when the trial completed.
   */
  private ObjectNode history() {
    Direction d = study.directions().get(0);
    ObjectNode h = JSON.createObjectNode();
    ArrayNode byTrial = h.putArray("byTrial");
    double best = Double.NaN;
    for (Map.Entry<Integer, Double> e : objective.entrySet()) {
      best = Double.isNaN(best) || d.better(e.getValue(), best) ? e.getValue() : best;
      byTrial.addArray().add(e.getKey()).add(e.getValue()).add(best);
    }
    ArrayNode byEpochs = h.putArray("byEpochs");
    best = Double.NaN;
    for (long[] o : completedByEpochs()) {
      double v = objective.get((int) o[1]);
      best = Double.isNaN(best) || d.better(v, best) ? v : best;
      byEpochs.addArray().add(o[0]).add(v).add(best).add((int) o[1]);
    }
    return h;
  }

  /**
   * The COMPLETE trials with a finite first objective, as [epochs the study had trained when the
   * trial ended, trial number], in that order.
   */
  private List<long[]> completedByEpochs() {
    List<long[]> order = new ArrayList<>();
    Map<Integer, Long> spent = epochsSpentAtEnd();
    for (Map.Entry<Integer, Double> e : objective.entrySet()) {
      Long at = spent.get(e.getKey());
      if (at != null) {
        order.add(new long[] {at, e.getKey()});
      }
    }
    order.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
    return order;
  }

  /** {@link #completedByEpochs} of {@code study}. */
  static List<long[]> completedByEpochs(StoredStudy study) {
    return new ReportModel(study, null).completedByEpochs();
  }

  /**
   * For each trial that ended, the epochs the whole study had trained by then: from the segments
   * (each counted with the epochs it recorded) that ended no later than the trial; without
   * segments, the trials' epochs summed in trial order.
   */
  Map<Integer, Long> epochsSpentAtEnd() {
    Map<Integer, Long> out = new HashMap<>();
    List<SegmentRow> segments = new ArrayList<>(study.segments());
    if (segments.isEmpty()) {
      long sum = 0;
      for (TrialRow r : study.trials()) {
        sum += r.epochsTrained();
        if (r.state().isFinished()) {
          out.put(r.number(), sum);
        }
      }
      return out;
    }
    Map<String, Integer> recorded = new HashMap<>();
    for (IntermediateValueRow v : study.values()) {
      if (v.segmentId() != null) {
        recorded.merge(v.segmentId(), 1, Integer::sum);
      }
    }
    segments.sort(Comparator.comparing(SegmentRow::end));
    List<Trial> ends = new ArrayList<>();
    for (TrialRow r : study.trials()) {
      if (r.state().isFinished() && r.end() != null) {
        ends.add(new Trial(r.number(), r.end()));
      }
    }
    ends.sort(Comparator.comparing(Trial::end));
    long sum = 0;
    int i = 0;
    for (Trial t : ends) {
      while (i < segments.size() && !segments.get(i).end().isAfter(t.end())) {
        SegmentRow g = segments.get(i++);
        sum += recorded.getOrDefault(g.segmentId(), 0);
      }
      out.put(t.number(), sum);
    }
    return out;
  }

  private record Trial(int number, Instant end) {}

  /**
   * The empirical distribution function of the objective: value, fraction of trials at or below.
   */
  private ArrayNode edf() {
    ArrayNode out = JSON.createArrayNode();
    double[] v = objective.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    for (int i = 0; i < v.length; i++) {
      if (i + 1 < v.length && v[i + 1] == v[i]) {
        continue;
      }
      out.addArray().add(v[i]).add((i + 1) / (double) v.length);
    }
    return out;
  }

  // ---- several objectives: the Pareto front --------------------------------------------------

  private ObjectNode pareto() {
    TreeSet<Integer> front = new TreeSet<>();
    study.best().forEach(r -> front.add(r.number()));
    ObjectNode p = JSON.createObjectNode();
    ArrayNode points = p.putArray("points");
    for (TrialRow r : study.complete()) {
      ArrayNode pt = points.addArray();
      pt.add(r.number()).add(front.contains(r.number()));
      r.values().forEach(pt::add);
    }
    return p;
  }

  // ---- contours -------------------------------------------------------------------------------

  private List<String> topParams(Map<String, Ranking> importances) {
    List<String> names = new ArrayList<>();
    for (Ranking r : importances.values()) {
      if (r.unavailable() == null) {
        names.addAll(r.shares().keySet());
        break;
      }
    }
    for (String name : study.space().keySet()) {
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    names.removeIf(n -> study.space().get(n).isSingle());
    return names.subList(0, Math.min(CONTOUR_PARAMS, names.size()));
  }

  /**
   * For each pair of the given parameters, the (first) objective interpolated on a grid over their
   * ranges (inverse-distance weighting, power 2, in the parameters' own scales: logarithmic for log
   * parameters, one cell per choice for categoricals) from the COMPLETE trials that have both.
   */
  private ArrayNode contours(List<String> names) {
    ArrayNode out = JSON.createArrayNode();
    for (int a = 0; a < names.size(); a++) {
      for (int b = a + 1; b < names.size(); b++) {
        ObjectNode c = contour(names.get(a), names.get(b));
        if (c != null) {
          out.add(c);
        }
      }
    }
    return out;
  }

  private ObjectNode contour(String xName, String yName) {
    Axis x = Axis.of(study.space().get(xName));
    Axis y = Axis.of(study.space().get(yName));
    List<double[]> points = new ArrayList<>();
    for (TrialRow r : study.trials()) {
      Double v = objective.get(r.number());
      Object px = r.params().get(xName);
      Object py = r.params().get(yName);
      if (v != null && px != null && py != null) {
        points.add(new double[] {x.position(px), y.position(py), v});
      }
    }
    if (points.size() < 2) {
      return null;
    }
    ObjectNode c = JSON.createObjectNode();
    c.put("x", xName).put("y", yName).put("trials", points.size());
    ArrayNode xs = c.putArray("xs");
    ArrayNode ys = c.putArray("ys");
    for (int i = 0; i < x.cells(); i++) {
      xs.add(x.label(i));
    }
    for (int j = 0; j < y.cells(); j++) {
      ys.add(y.label(j));
    }
    ArrayNode z = c.putArray("z");
    for (int i = 0; i < x.cells(); i++) {
      for (int j = 0; j < y.cells(); j++) {
        double cx = x.center(i);
        double cy = y.center(j);
        double num = 0;
        double den = 0;
        double exact = Double.NaN;
        for (double[] p : points) {
          double dx = p[0] - cx;
          double dy = p[1] - cy;
          double dist2 = dx * dx + dy * dy;
          if (dist2 < 1e-18) {
            exact = p[2];
            break;
          }
          num += p[2] / dist2;
          den += 1 / dist2;
        }
        addNumber(z.addArray().add(i).add(j), Double.isNaN(exact) ? num / den : exact);
      }
    }
    ArrayNode pts = c.putArray("points");
    for (double[] p : points) {
      pts.addArray().add(p[0] * x.cells() - 0.5).add(p[1] * y.cells() - 0.5).add(p[2]);
    }
    return c;
  }

  /** A parameter's axis in a contour: positions in [0, 1], cut into cells. */
  private record Axis(Distribution d, int cells) {
    static Axis of(Distribution d) {
      return new Axis(
          d, d instanceof CategoricalDistribution c ? c.size() : ReportModel.CONTOUR_GRID);
    }

    double position(Object value) {
      if (d instanceof CategoricalDistribution c) {
        return (c.toInternal(value) + 0.5) / c.size();
      }
      double lo = low();
      double hi = high();
      double v = scale(((Number) value).doubleValue());
      return hi > lo ? (v - lo) / (hi - lo) : 0.5;
    }

    double center(int cell) {
      return (cell + 0.5) / cells;
    }

    String label(int cell) {
      if (d instanceof CategoricalDistribution c) {
        return String.valueOf(c.choices().get(cell));
      }
      double v = low() + center(cell) * (high() - low());
      double real = log() ? Math.exp(v) : v;
      return String.format(Locale.ROOT, "%.4g", real);
    }

    private boolean log() {
      return (d instanceof FloatDistribution f && f.log())
          || (d instanceof IntDistribution i && i.log());
    }

    private double scale(double v) {
      return log() ? Math.log(v) : v;
    }

    private double low() {
      return scale(d instanceof FloatDistribution f ? f.low() : ((IntDistribution) d).low());
    }

    private double high() {
      return scale(d instanceof FloatDistribution f ? f.high() : ((IntDistribution) d).high());
    }
  }

  // ---- learning curves and rung decisions ----------------------------------------------------

  private ArrayNode curves() {
    ArrayNode out = JSON.createArrayNode();
    for (TrialRow r : study.trials()) {
      SortedMap<Integer, Double> curve = study.curves().getOrDefault(r.number(), new TreeMap<>());
      if (curve.isEmpty()) {
        continue;
      }
      ObjectNode c = out.addObject();
      c.put("n", r.number()).put("state", r.state().name());
      ArrayNode pts = c.putArray("points");
      curve.forEach((step, v) -> addNumber(pts.addArray().add(step), v));
    }
    return out;
  }

  /**
   * What happened at the end of each segment, by the epoch it ended at (a rung, or the last epoch):
   * how many segments were promoted, stopped, completed, pruned, failed...; and the rungs, the
   * epochs where trials were promoted or stopped.
   */
  private ObjectNode decisions() {
    TreeMap<Integer, Map<String, Integer>> byEpoch = new TreeMap<>();
    TreeSet<Integer> rungs = new TreeSet<>();
    for (SegmentRow g : study.segments()) {
      byEpoch
          .computeIfAbsent(g.epochTo(), k -> new TreeMap<>())
          .merge(g.outcome().text(), 1, Integer::sum);
      if (g.outcome() == SegmentOutcome.PROMOTED || g.outcome() == SegmentOutcome.STOPPED) {
        rungs.add(g.epochTo());
      }
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode r = out.putArray("rungs");
    rungs.forEach(r::add);
    ArrayNode rows = out.putArray("byEpoch");
    byEpoch.forEach(
        (epoch, counts) -> {
          ObjectNode row = rows.addObject();
          row.put("epoch", epoch);
          counts.forEach(row::put);
        });
    return out;
  }

  // ---- the executor timeline -----------------------------------------------------------------

  /**
   * Every segment as a bar on a lane of its executor (and GPU): segments that overlapped in time on
   * one executor (it runs several tasks at once) take separate lanes, numbered from 1, each segment
   * the first lane free when it started. Also each lane's busy share of the study's wall time, and
   * the number of segments running over time.
   */
  private ObjectNode timeline() {
    ObjectNode out = JSON.createObjectNode();
    List<SegmentRow> segments = new ArrayList<>(study.segments());
    segments.sort(Comparator.comparing(SegmentRow::start).thenComparing(SegmentRow::segmentId));
    Map<String, List<Long>> freeAt = new HashMap<>();
    List<String> laneOf = new ArrayList<>();
    TreeMap<String, Long> busy = new TreeMap<>(ReportModel::compareLanes);
    for (SegmentRow g : segments) {
      List<Long> ends = freeAt.computeIfAbsent(lane(g), k -> new ArrayList<>());
      int k = 0;
      while (k < ends.size() && ends.get(k) > g.start().toEpochMilli()) {
        k++;
      }
      if (k == ends.size()) {
        ends.add(0L);
      }
      ends.set(k, g.end().toEpochMilli());
      String lane = lane(g) + " #" + (k + 1);
      laneOf.add(lane);
      busy.merge(lane, Math.max(0, g.end().toEpochMilli() - g.start().toEpochMilli()), Long::sum);
    }
    List<String> lanes = new ArrayList<>(busy.keySet());
    long first = segments.isEmpty() ? 0 : segments.get(0).start().toEpochMilli();
    long last = first;
    for (SegmentRow g : segments) {
      last = Math.max(last, g.end().toEpochMilli());
    }
    long wall = Math.max(1, last - first);
    ArrayNode laneNodes = out.putArray("lanes");
    for (String l : lanes) {
      laneNodes.addObject().put("name", l).put("busy", busy.get(l) / (double) wall);
    }
    ArrayNode bars = out.putArray("segments");
    List<long[]> events = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      SegmentRow g = segments.get(i);
      ObjectNode b = bars.addObject();
      b.put("lane", lanes.indexOf(laneOf.get(i)));
      b.put("start", g.start().toEpochMilli()).put("end", g.end().toEpochMilli());
      b.put("trial", g.trial()).put("from", g.epochFrom()).put("to", g.epochTo());
      b.put("outcome", g.outcome().name().toLowerCase(Locale.ROOT));
      b.put("attempt", g.attempt());
      if (g.host() != null) {
        b.put("host", g.host());
      }
      if (g.reason() != null) {
        b.put("reason", g.reason());
      }
      events.add(new long[] {g.start().toEpochMilli(), 1});
      events.add(new long[] {g.end().toEpochMilli(), -1});
    }
    events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
    ArrayNode running = out.putArray("running");
    long n = 0;
    for (int i = 0; i < events.size(); i++) {
      n += events.get(i)[1];
      if (i + 1 == events.size() || events.get(i + 1)[0] != events.get(i)[0]) {
        running.addArray().add(events.get(i)[0]).add(n);
      }
    }
    out.put("start", first).put("end", last);
    return out;
  }

  /** A segment's lane: its executor, with its GPU when it had one. */
  static String lane(SegmentRow g) {
    String executor = g.executorId() == null ? "no executor" : "executor " + g.executorId();
    return g.gpuAddress() == null ? executor : executor + " gpu " + g.gpuAddress();
  }

  /** Lanes in natural order: executor 2 before executor 10. */
  private static int compareLanes(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int ei = i;
        int ej = j;
        while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
          ei++;
        }
        while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
          ej++;
        }
        int c = new BigInteger(a.substring(i, ei)).compareTo(new BigInteger(b.substring(j, ej)));
        if (c != 0) {
          return c;
        }
        i = ei;
        j = ej;
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  // ---- numbers ---------------------------------------------------------------------------------

  private static void putNumber(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  private static void addNumber(ArrayNode a, Double v) {
    if (v != null && Double.isFinite(v)) {
      a.add(v);
    } else {
      a.addNull();
    }
  }
}
