"""Optuna 3.1 side by side with dev.rung.bench.multi.MultiObjectiveBench: same problems, reference
points, seeds (1-10) and summary (median, quartiles by linear interpolation).

Run: /usr/bin/python3 bench/src/main/resources/dev/rung/bench/multi/optuna_multi_objective.py
       [--samplers nsga2,tpe] [trials...]   (default: both samplers, 100 200 trials)
"""
import math
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
N = 30


def zdt(trial, concave):
    x = [trial.suggest_float(f"x{i}", 0, 1) for i in range(N)]
    f1 = x[0]
    g = 1 + 9 * sum(x[1:]) / (N - 1)
    r = f1 / g
    return f1, g * (1 - (r * r if concave else math.sqrt(r)))


def binh_korn(trial):
    x = trial.suggest_float("x", 0, 5)
    y = trial.suggest_float("y", 0, 3)
    c = ((x - 5) ** 2 + y * y - 25, 7.7 - (x - 8) ** 2 - (y + 3) ** 2)
    trial.set_user_attr("c", c)
    return 4 * x * x + 4 * y * y, (x - 5) ** 2 + (y - 5) ** 2


def constraints(trial):
    return trial.user_attrs["c"]


def hv2(points, ref):
    area, ceiling = 0.0, ref[1]
    for x, y in sorted(p for p in points if p[0] < ref[0] and p[1] < ref[1]):
        if y < ceiling:
            area += (ref[0] - x) * (ceiling - y)
            ceiling = y
    return area


def quantile(values, q):
    s = sorted(values)
    pos = q * (len(s) - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    return s[lo] + (pos - lo) * (s[hi] - s[lo])


PROBLEMS = [
    ("ZDT1 (n=30)", lambda t: zdt(t, False), (1.1, 11), False),
    ("ZDT2 (n=30)", lambda t: zdt(t, True), (1.1, 11), False),
    ("Binh-Korn (constrained)", binh_korn, (140, 50), True),
]
SAMPLERS = {
    "nsga2": lambda seed, cf: optuna.samplers.NSGAIISampler(seed=seed, constraints_func=cf),
    "tpe": lambda seed, cf: optuna.samplers.TPESampler(seed=seed, constraints_func=cf),
}

args = sys.argv[1:]
if args[:1] == ["--samplers"]:
    SAMPLERS = {k: SAMPLERS[k] for k in args[1].split(",")}
    args = args[2:]
checkpoints = [int(a) for a in args] or [100, 200]
for name, objective, ref, constrained in PROBLEMS:
    print(f"{name}, reference point {list(ref)}", flush=True)
    for sampler_name, make in SAMPLERS.items():
        hv = {c: [] for c in checkpoints}
        for seed in range(1, 11):
            sampler = make(seed, constraints if constrained else None)
            study = optuna.create_study(directions=["minimize"] * 2, sampler=sampler)
            study.optimize(objective, n_trials=checkpoints[-1])
            for c in checkpoints:
                pts = [
                    t.values
                    for t in study.trials[:c]
                    if not constrained or all(v <= 0 for v in t.user_attrs["c"])
                ]
                hv[c].append(hv2(pts, ref))
        cells = [
            f"{quantile(v, .5):.4f} [{quantile(v, .25):.4f}, {quantile(v, .75):.4f}]"
            for v in hv.values()
        ]
        print(f"  optuna-3.1 {sampler_name:6s} " + "   ".join(cells), flush=True)
