"""Reference measurement: Optuna's ms per suggestion at a given history size.

Same protocol as Rung's SamplerOverhead: a study holding n finished trials of a 10-d sphere on
[-5, 5]^10 (added with add_trial), then asks timed one by one (ask + 10 suggest_float), each told.
Prints one line per size: "<n> <wall ms> ... | <cpu ms> ..." (CPU time of the thread). Run with /usr/bin/python3 (Debian's python3-optuna).
"""
import random
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
DIMS = 10


def measure(n, reps):
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=1))
    rng = random.Random(42 + n)
    dists = {f"x{d}": optuna.distributions.FloatDistribution(-5, 5) for d in range(DIMS)}
    for _ in range(n):
        params = {f"x{d}": rng.uniform(-5, 5) for d in range(DIMS)}
        value = sum(x * x for x in params.values())
        study.add_trial(
            optuna.trial.create_trial(params=params, distributions=dists, value=value)
        )
    wall, cpu = [], []
    for _ in range(reps):
        c0 = time.thread_time()
        t0 = time.perf_counter()
        trial = study.ask()
        value = sum(trial.suggest_float(f"x{d}", -5, 5) ** 2 for d in range(DIMS))
        wall.append((time.perf_counter() - t0) * 1e3)
        cpu.append((time.thread_time() - c0) * 1e3)
        study.tell(trial, value)
    return wall, cpu


def main():
    sizes = [int(a) for a in sys.argv[1:]]
    measure(200, 5)  # warm-up (imports, caches)
    for n in sizes:
        reps = 50 if n <= 100 else 20
        wall, cpu = measure(n, reps)
        print(n, " ".join(f"{x:.4f}" for x in wall), "|", " ".join(f"{x:.4f}" for x in cpu), flush=True)


if __name__ == "__main__":
    main()
