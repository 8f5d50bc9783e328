"""Reference measurement: how often Optuna's TPE ends on the best branch of conditional-3x3.

The problem is the one `bin/bench search-quality --problems conditional-3x3` runs (checked value
for value against the reference definitions by ReferenceDefinitionsTest): a categorical branch in
a, b, c switches on three floats of its own in [-5, 5]; each branch is a shifted sphere with a
floor of 0.5, 0 and 1.0, so b holds the optimum. A run finds b when its best trial is in b.

Prints, for seeds first..first+n-1, how many runs found b, the median regret, and which branch the best of the first
ten (random) trials was in against the branch the run ended on: TPE keeps to the branch that
looked best early, so the count is mostly decided by the random start.

Usage: /usr/bin/python3 optuna_conditional.py [--seeds N] [--first-seed S] [--trials T]
       [--multivariate]   (Debian's python3-optuna)
"""
import argparse
import statistics
import warnings
from collections import Counter

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)

# branch -> (floor, centre of its sphere)
BRANCHES = {
    "a": (0.5, (-2.0, 3.0, 1.0)),
    "b": (0.0, (1.5, -2.5, 3.5)),
    "c": (1.0, (3.0, 0.5, -1.5)),
}


def objective(trial):
    branch = trial.suggest_categorical("branch", list(BRANCHES))
    floor, centre = BRANCHES[branch]
    value = floor
    for i, c in enumerate(centre):
        x = trial.suggest_float(f"{branch}_x{i}", -5.0, 5.0)
        value += (x - c) ** 2
    return value


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seeds", type=int, default=100)
    p.add_argument("--first-seed", type=int, default=1)
    p.add_argument("--trials", type=int, default=200)
    p.add_argument("--multivariate", action="store_true")
    a = p.parse_args()
    found = 0
    regrets = []
    start_to_end = Counter()
    for seed in range(a.first_seed, a.first_seed + a.seeds):
        # Multivariate TPE samples the branch's floats on their own (they are not in every trial).
        sampler = optuna.samplers.TPESampler(
            seed=seed, multivariate=a.multivariate, warn_independent_sampling=False
        )
        study = optuna.create_study(sampler=sampler)
        study.optimize(objective, n_trials=a.trials)
        end = study.best_trial.params["branch"]
        start = min(study.trials[:10], key=lambda t: t.value).params["branch"]
        found += end == "b"
        regrets.append(study.best_value)  # the optimum is 0
        start_to_end[(start, end)] += 1
    kind = "multivariate" if a.multivariate else "independent"
    print(f"optuna {optuna.__version__} {kind} TPE, {a.trials} trials: branch b found in "
          f"{found} of {a.seeds} seeds ({a.first_seed}..{a.first_seed + a.seeds - 1}), "
          f"median regret {statistics.median(regrets):.4g}")
    print("best of the first ten trials -> branch of the best trial: " + ", ".join(
        f"{s}->{e} {n}" for (s, e), n in sorted(start_to_end.items())))


if __name__ == "__main__":
    main()
