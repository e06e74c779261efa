#!/usr/bin/env python3
"""Fits the review queue's weights (src/review/queue.tsv).

Usage:
    trialign eval --set DIR --dump-beads beads.tsv [--no-lexicons]   # once per set and condition
    scripts/fit_queue.py [--loso] beads1.tsv beads2.tsv ... > src/review/queue.tsv

Each input is the table `eval --dump-beads` writes: one predicted bead per row,
in document order, with whether the gold has it (`correct`) and the queue's
feature columns (`queue_…`). The queue takes the beads by descending risk, the
weighted sum of the features, and defers the beads within
`deferred_neighbours` of a bead already taken (src/review/queue.rs does the
same). The figure is the one `eval` reports: the share of the wrong beads in
the errors (runs of consecutive wrong beads of one document) that the first
tenth of the queue touches.

The fit is a coordinate search (with a few random starts) for the best mean,
over the input files, of min(figure / target, 1) plus a fifth of the figure;
the target is 0.9 for a file whose name holds "flores", else 0.75. The
figure is averaged over the first 8, 10 and 12 % of the queue, so that the
search does not settle on weights that land one error just inside the line.
The weight of `doubt` stays 1 (it sets the scale). --loso also prints, for
each set (file name up to `.nolex`/`.tsv`), the figure of weights fitted
without it. Prints queue.tsv on stdout, figures on stderr. Standard library only.
"""

import random
import sys

DEFERRED = 3
FRACTIONS = (0.08, 0.10, 0.12)
STEPS = (0.25, 0.5, 1.0)
RESTARTS = 4


class Table:
    def __init__(self, path):
        self.name = path.rsplit("/", 1)[-1]
        with open(path, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            cols = [k for k, h in enumerate(header) if h.startswith("queue_")]
            self.features = [header[k][len("queue_"):] for k in cols]
            correct = header.index("correct")
            self.docs, self.wrong, self.x = [], [], []
            for line in f:
                c = line.rstrip("\n").split("\t")
                self.docs.append(c[0])
                self.wrong.append(c[correct] != "1")
                self.x.append([float(c[k]) for k in cols])
        # Runs of consecutive wrong beads of one document.
        self.runs = []
        for k, w in enumerate(self.wrong):
            if not w:
                continue
            if self.runs and self.runs[-1][-1] == k - 1 and self.docs[k - 1] == self.docs[k]:
                self.runs[-1].append(k)
            else:
                self.runs.append([k])
        self.n_wrong = sum(self.wrong)
        self.target = 0.9 if "flores" in self.name else 0.75

    def order(self, weights):
        risk = [sum(w * x for w, x in zip(weights, xs)) for xs in self.x]
        by_risk = sorted(range(len(risk)), key=lambda k: -risk[k])  # stable: ties in document order
        deferred = [False] * len(risk)
        first, later = [], []
        for k in by_risk:
            if deferred[k]:
                later.append(k)
                continue
            first.append(k)
            for j in range(k - DEFERRED, k + DEFERRED + 1):
                if 0 <= j < len(risk) and self.docs[j] == self.docs[k]:
                    deferred[j] = True
        return first + later

    def touched(self, order, fraction):
        top = set(order[:fraction])
        hit = sum(len(r) for r in self.runs if any(k in top for k in r))
        return hit / self.n_wrong if self.n_wrong else 1.0

    def figures(self, weights):
        order = self.order(weights)
        n = len(order)
        at_tenth = self.touched(order, -(-n // 10))
        smooth = sum(self.touched(order, round(n * f)) for f in FRACTIONS) / len(FRACTIONS)
        return at_tenth, smooth


def objective(tables, weights):
    smooth = [t.figures(weights)[1] for t in tables]
    return sum(min(s / t.target, 1.0) + 0.2 * s for s, t in zip(smooth, tables)) / len(tables)


def fit(tables, n, rng):
    best, best_value = None, -1.0
    for start in range(RESTARTS):
        w = [1.0] + ([0.0] * (n - 1) if start == 0 else [rng.uniform(0, 2) for _ in range(n - 1)])
        value = objective(tables, w)
        improved = True
        while improved:
            improved = False
            for i in range(1, n):
                for step in STEPS:
                    for sign in (1, -1):
                        trial = w[:]
                        trial[i] = max(0.0, trial[i] + sign * step)
                        v = objective(tables, trial)
                        if v > value + 1e-9:
                            w, value, improved = trial, v, True
        if value > best_value:
            best, best_value = w, value
    return best


def set_name(table):
    return table.name.split(".nolex")[0].split(".tsv")[0]


def main(args):
    loso = "--loso" in args
    tables = [Table(p) for p in args if p != "--loso"]
    if not tables:
        sys.exit(__doc__)
    features = tables[0].features
    if any(t.features != features for t in tables):
        sys.exit("the tables have different queue features")
    rng = random.Random(7)
    w = fit(tables, len(features), rng)
    for t in tables:
        at_tenth, _ = t.figures(w)
        base = t.figures([1.0] + [0.0] * (len(w) - 1))[0]
        print(f"{t.name}: {base:.3f} by score -> {at_tenth:.3f} by the queue", file=sys.stderr)
    if loso:
        for held in sorted({set_name(t) for t in tables}):
            rest = [t for t in tables if set_name(t) != held]
            wl = fit(rest, len(features), rng)
            for t in tables:
                if set_name(t) == held:
                    print(f"left out {t.name}: {t.figures(wl)[0]:.3f}", file=sys.stderr)
    names = ", ".join(t.name for t in tables)
    print("# Weights of the review queue (review::queue): a bead's risk is the weighted")
    print("# sum of its features; fitted by scripts/fit_queue.py on " + names)
    for name, wi in zip(features, w):
        print(f"{name}\t{round(wi, 3)}")
    print(f"deferred_neighbours\t{DEFERRED}")


if __name__ == "__main__":
    main(sys.argv[1:])
