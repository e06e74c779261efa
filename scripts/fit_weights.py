#!/usr/bin/env python3
"""Fits the weights of the bead model's evidence (src/evidence/weights.tsv).

Usage:
    scripts/fit_weights.py [--trialign BIN] [--rounds N] CONDITION... > weights.tsv

A CONDITION is a set folder in the ../shared/data layout, followed by
`+nolex` to align it with --no-lexicons, e.g.
    ../shared/data/mac-dev-zh-en ../shared/data/mac-dev-zh-en+nolex

The objective is the mean strict F1 of `trialign eval --set` over the
conditions. Coordinate search from the shipped weights: each weight in turn
is tried at 0.5, 1.5 and 0 times its value (later rounds: 0.75 and 1.25
times) and kept where the objective rises by more than 0.0005. The
conditions of one trial run at once, one process each. Progress goes to
stderr; the weights file to stdout.

Standard library only.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHIPPED = os.path.join(HERE, "..", "src", "evidence", "weights.tsv")
MIN_GAIN = 0.0005


def read_weights(path):
    names, values = [], {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, value = line.split("\t")
            names.append(name)
            values[name] = float(value)
    return names, values


def format_weights(names, values, header):
    lines = [f"# {h}" if h else "#" for h in header]
    lines.append("# name\tweight")
    lines += [f"{n}\t{values[n]:g}" for n in names]
    return "\n".join(lines) + "\n"


def strict_f1(output):
    """The set's strict F1, or None when trialign refused the weights."""
    match = re.search(r"^set\s+\S+\s+\S+\s+(\S+)", output, re.MULTILINE)
    return float(match.group(1)) if match else None


def objective(binary, conditions, names, values):
    """The strict F1 of each condition under `values`."""
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
        f.write(format_weights(names, values, []))
        path = f.name
    try:
        runs = []
        for condition in conditions:
            folder, _, flag = condition.partition("+")
            args = [binary, "eval", "--set", folder, "--weights", path]
            if flag == "nolex":
                args.append("--no-lexicons")
            runs.append(subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True))
        scores = [strict_f1(run.communicate()[0]) for run in runs]
        return None if None in scores else scores
    finally:
        os.unlink(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trialign", default=os.path.join(HERE, "..", "target", "release", "trialign"))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("conditions", nargs="+")
    args = parser.parse_args()

    names, best = read_weights(SHIPPED)
    scores = objective(args.trialign, args.conditions, names, best)
    if scores is None:
        raise SystemExit("trialign eval failed with the shipped weights")
    best_mean = sum(scores) / len(scores)
    print(f"start: {best_mean:.4f} {scores}", file=sys.stderr)
    for round_ in range(args.rounds):
        factors = [0.5, 1.5, 0.0] if round_ == 0 else [0.75, 1.25]
        for name in names:
            for factor in factors:
                trial = dict(best)
                trial[name] = round(best[name] * factor, 4)
                if trial[name] == best[name]:
                    continue
                trial_scores = objective(args.trialign, args.conditions, names, trial)
                if trial_scores is None:
                    print(f"round {round_ + 1}: {name} = {trial[name]}: refused", file=sys.stderr)
                    continue
                mean = sum(trial_scores) / len(trial_scores)
                kept = mean > best_mean + MIN_GAIN
                print(f"round {round_ + 1}: {name} = {trial[name]}: {mean:.4f}{' kept' if kept else ''}", file=sys.stderr)
                if kept:
                    best, best_mean, scores = trial, mean, trial_scores
    header = [
        "Weights of the bead model's evidence (evidence::ModelOptions), in nats,",
        "fitted by scripts/fit_weights.py: mean strict F1 "
        + f"{best_mean:.4f} over {', '.join(os.path.basename(c.rstrip('/')) for c in args.conditions)}",
        "(each: " + ", ".join(f"{s:.4f}" for s in scores) + ").",
        "lexical: the weight of the Model 1 log ratio; smoothing (α) and null_prob",
        "(ν): the word-translation table's; paragraph: the cost of a",
        "paragraph disagreement; the rest weigh the anchors (evidence::anchors):",
        "a match on both sides adds, a one-sided anchor subtracts.",
    ]
    sys.stdout.write(format_weights(names, best, header))


if __name__ == "__main__":
    main()
