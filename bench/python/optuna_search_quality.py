"""Optuna's side of the search-quality comparison after 50, 100 and 200 trials.

Runs Optuna's TPE on the ten reference problems (the definitions module of the reference figures,
given with --reference; `bin/bench search-quality` runs the same functions, checked value for
value by ReferenceDefinitionsTest) and prints, per problem, the median simple regret [IQR] over
the seeds after 50, 100 and 200 trials, and for mixed-4 and conditional-3x3 how many seeds ended
on the right level (optimizer adam, branch b). The figures the reference table gives are after 200
trials only; this gives the two earlier points for the same seeds and functions.

Which Optuna runs is whichever `import optuna` finds: Debian's python3-optuna (3.1), or a source
checkout of another version put first on PYTHONPATH.

Usage: /usr/bin/python3 optuna_search_quality.py --reference PATH/synthetic_functions.py
       [--sampler default|independent|multivariate] [--seeds N] [--first-seed S]
       [--trials T] [--problems a,b,...]
"""
import argparse
import importlib.util
import statistics
import sys
import time
import warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.simplefilter("ignore")

CHECKPOINTS = (50, 100, 200)
# The level a run must end on to count as having found it.
RIGHT_LEVEL = {"mixed-4": ("optimizer", "adam"), "conditional-3x3": ("branch", "b")}


def load_reference(path):
    spec = importlib.util.spec_from_file_location("reference_functions", path)
    if spec is None:
        sys.exit(f"--reference: cannot load '{path}' as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def objective_of(ref, problem):
    """Suggests the problem's parameters in its order, conditional ones after their categorical."""

    def suggest(trial, q):
        if isinstance(q, ref.Float):
            return trial.suggest_float(q.name, q.low, q.high, log=q.log)
        if isinstance(q, ref.Int):
            return trial.suggest_int(q.name, q.low, q.high, step=q.step)
        return trial.suggest_categorical(q.name, list(q.choices))

    def objective(trial):
        params = {q.name: suggest(trial, q) for q in problem.params}
        for name, by_choice in problem.conditional.items():
            for q in by_choice[params[name]]:
                params[q.name] = suggest(trial, q)
        return float(problem.fn(params))

    return objective


def make_sampler(kind, seed):
    if kind == "default":
        return optuna.samplers.TPESampler(seed=seed)
    return optuna.samplers.TPESampler(
        seed=seed, multivariate=kind == "multivariate", warn_independent_sampling=False
    )


def quartiles(values):
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], statistics.median(values), q[2]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--reference", required=True)
    p.add_argument("--sampler", default="default", choices=["default", "independent", "multivariate"])
    p.add_argument("--seeds", type=int, default=20)
    p.add_argument("--first-seed", type=int, default=1)
    p.add_argument("--trials", type=int, default=200)
    p.add_argument("--problems", default="")
    a = p.parse_args()
    ref = load_reference(a.reference)
    names = [n for n in a.problems.split(",") if n] or list(ref.PROBLEMS)
    unknown = [n for n in names if n not in ref.PROBLEMS]
    if unknown:
        sys.exit(f"--problems: unknown {unknown}; the reference has {sorted(ref.PROBLEMS)}")
    points = [c for c in CHECKPOINTS if c <= a.trials]
    seeds = range(a.first_seed, a.first_seed + a.seeds)
    print(f"optuna {optuna.__version__}, TPESampler {a.sampler}, seeds {seeds.start}..{seeds.stop - 1}, "
          f"{a.trials} trials: median simple regret [IQR]")
    header = "".join(f"{'regret@' + str(c):>30}" for c in points)
    for name in names:
        problem = ref.PROBLEMS[name]
        objective = objective_of(ref, problem)
        regrets = {c: [] for c in points}
        found = 0
        t0 = time.process_time()
        for seed in seeds:
            study = optuna.create_study(sampler=make_sampler(a.sampler, seed))
            study.optimize(objective, n_trials=a.trials)
            best = float("inf")
            for t in study.trials:
                best = min(best, t.value)
                if t.number + 1 in regrets:
                    regrets[t.number + 1].append(best - problem.optimum)
            if name in RIGHT_LEVEL:
                key, level = RIGHT_LEVEL[name]
                found += study.best_trial.params[key] == level
        cells = ""
        for c in points:
            lo, med, hi = quartiles(regrets[c])
            cells += f"{f'{med:.4g} [{lo:.3g}, {hi:.3g}]':>30}"
        level = f"   right level {found}/{a.seeds}" if name in RIGHT_LEVEL else ""
        print(f"== {name}  ({time.process_time() - t0:.0f} s of CPU)")
        print(f"{'':16}{header}")
        print(f"{'optuna-' + a.sampler:16}{cells}{level}", flush=True)


if __name__ == "__main__":
    main()
