"""Reference measurement: Optuna's fANOVA importances of trials written by Rung's importance bench.

Usage: python3 optuna_importance.py SEED FILE.csv [FILE.csv ...]
Each CSV has a header of parameter names followed by "value"; every parameter is a float on [0, 1].
The trials become a study through optuna.trial.create_trial and study.add_trials, then
optuna.importance.get_param_importances runs with FanovaImportanceEvaluator(seed=SEED).
Prints one line per file: "<trials> <cpu s> <wall s> name=share name=share ...", the shares in
Optuna's order, where the CPU time is time.process_time() around the call only. Needs
python3-optuna and scikit-learn.
"""
import csv
import sys
import time

import optuna
from optuna.importance import FanovaImportanceEvaluator

optuna.logging.set_verbosity(optuna.logging.WARNING)


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    names = rows[0][:-1]
    dist = optuna.distributions.FloatDistribution(0.0, 1.0)
    trials = []
    for row in rows[1:]:
        params = {name: float(v) for name, v in zip(names, row)}
        trials.append(
            optuna.trial.create_trial(
                params=params,
                distributions={name: dist for name in names},
                value=float(row[-1]),
            )
        )
    study = optuna.create_study(direction="minimize")
    study.add_trials(trials)
    return study, len(trials)


def main():
    seed = int(sys.argv[1])
    for path in sys.argv[2:]:
        study, n = load(path)
        evaluator = FanovaImportanceEvaluator(seed=seed)
        c0 = time.process_time()
        t0 = time.perf_counter()
        importances = optuna.importance.get_param_importances(study, evaluator=evaluator)
        wall = time.perf_counter() - t0
        cpu = time.process_time() - c0
        shares = " ".join(f"{k}={float(v)!r}" for k, v in importances.items())
        print(f"{n} {cpu!r} {wall!r} {shares}", flush=True)


if __name__ == "__main__":
    main()
