"""Opens an Optuna journal file with Optuna and prints what Optuna sees, as JSON.

usage: python3 load_study.py JOURNAL STUDY_NAME
"""
import json
import os
import shutil
import sys
import tempfile

import optuna
from optuna.distributions import distribution_to_json


def when(t):
    return None if t is None else t.isoformat(timespec="microseconds")


def _suggest_like(trial, name, d):
    """Suggests a parameter from an exported distribution, through Optuna's public API."""
    if isinstance(d, optuna.distributions.FloatDistribution):
        return trial.suggest_float(name, d.low, d.high, log=d.log, step=d.step)
    if isinstance(d, optuna.distributions.IntDistribution):
        return trial.suggest_int(name, d.low, d.high, log=d.log, step=d.step)
    choice = trial.suggest_categorical(name, d.choices)
    return float(choice) if isinstance(choice, (int, float)) and not isinstance(choice, bool) else 0.0


def _objective(space):
    return lambda trial: sum(_suggest_like(trial, k, d) for k, d in space.items())


def main():
    journal, name = sys.argv[1], sys.argv[2]
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    storage = optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(journal))
    study = optuna.load_study(study_name=name, storage=storage)
    trials = []
    for t in study.trials:
        trials.append(
            {
                "number": t.number,
                "state": t.state.name,
                "params": t.params,
                "distributions": {k: json.loads(distribution_to_json(d)) for k, d in t.distributions.items()},
                "value": t.value if len(study.directions) == 1 else None,
                "values": t.values,
                "intermediate_values": {str(k): v for k, v in t.intermediate_values.items()},
                "datetime_start": when(t.datetime_start),
                "datetime_complete": when(t.datetime_complete),
                "user_attrs": t.user_attrs,
                "system_attrs": t.system_attrs,
            }
        )
    complete = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    best = study.best_trial if complete and len(study.directions) == 1 else None
    # The exported trials must also serve an Optuna sampler: continue a copy with TPE.
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "journal.log")
        shutil.copyfile(journal, copy)
        more = optuna.load_study(
            study_name=name,
            storage=optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(copy)),
            sampler=optuna.samplers.TPESampler(seed=1, n_startup_trials=2),
        )
        space = {}
        for t in study.trials:
            space.update(t.distributions)
        more.optimize(_objective(space), n_trials=2)
        continued = sum(1 for t in more.trials if t.state == optuna.trial.TrialState.COMPLETE)
    print(
        json.dumps(
            {
                "optuna_version": optuna.__version__,
                "study_name": study.study_name,
                "directions": [d.name for d in study.directions],
                "trials": trials,
                "best_value": best.value if best else None,
                "best_params": best.params if best else None,
                "best_number": best.number if best else None,
                "complete_after_two_more": continued,
            }
        )
    )


if __name__ == "__main__":
    main()
