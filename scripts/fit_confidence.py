#!/usr/bin/env python3
"""Fits the bead confidence weights (src/align/confidence.tsv).

Usage:
    trialign eval --set DIR --dump-beads beads.tsv [--no-lexicons]   # once per set and condition
    scripts/fit_confidence.py beads1.tsv beads2.tsv ... > src/align/confidence.tsv

Each input is the table `eval --dump-beads` writes: one predicted bead per row
with its posterior, whether the gold has it (`correct`), and the feature
columns of the confidence model. The script fits a logistic regression of
`correct` on the features (every bead weighs 1, a little L2 on the weights),
prints the weights as confidence.tsv, and reports on stderr, per file, the
calibration error (10 bins) and the share of wrong beads among the lowest
tenth, before (the posterior) and after (the fitted confidence).

Standard library only: Newton's method on a handful of features.
"""

import math
import sys

L2 = 1e-3


def read(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        # The review queue's columns (`queue_…`) follow; they are fitted by fit_queue.py.
        end = next((k for k, h in enumerate(header) if h.startswith("queue_")), len(header))
        features = header[5:end]
        rows = []
        for line in f:
            cols = line.rstrip("\n").split("\t")
            rows.append((float(cols[3]), cols[4] == "1", [float(x) for x in cols[5:end]]))
    return features, rows


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def solve(a, b):
    """Solves a x = b by Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[c][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


def fit(data, k):
    w = [0.0] * k
    for _ in range(50):
        grad = [L2 * wi for wi in w]
        hess = [[L2 if i == j else 0.0 for j in range(k)] for i in range(k)]
        for x, y in data:
            p = sigmoid(sum(wi * xi for wi, xi in zip(w, x)))
            for i in range(k):
                grad[i] += (p - y) * x[i] / len(data)
                for j in range(k):
                    hess[i][j] += p * (1 - p) * x[i] * x[j] / len(data)
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return w


def ece(scored):
    bins = [[] for _ in range(10)]
    for p, c in scored:
        bins[min(9, int(p * 10))].append((p, c))
    return sum(abs(sum(p for p, _ in b) - sum(c for _, c in b)) for b in bins) / len(scored)


def lowest_tenth(scored):
    ranked = sorted(scored, key=lambda s: s[0])
    wrong = sum(1 for _, c in scored if not c)
    caught = sum(1 for _, c in ranked[: math.ceil(len(ranked) / 10)] if not c)
    return caught / wrong if wrong else 1.0


def main(paths):
    if not paths:
        sys.exit(__doc__)
    tables = {}
    features = None
    for path in paths:
        names, rows = read(path)
        if features is not None and names != features:
            sys.exit(f"{path}: feature columns differ from the other files")
        features = names
        tables[path] = rows
    data = [(x, 1.0 if c else 0.0) for rows in tables.values() for _, c, x in rows]
    w = fit(data, len(features))
    print("# Weights of the bead confidence model (align::confidence), fitted by")
    print(f"# scripts/fit_confidence.py on {len(data)} beads of: " + ", ".join(paths))
    print("# feature\tweight")
    for name, wi in zip(features, w):
        print(f"{name}\t{wi:.3f}")
    for path, rows in tables.items():
        before = [(p, c) for p, c, _ in rows]
        after = [(sigmoid(sum(wi * xi for wi, xi in zip(w, x))), c) for _, c, x in rows]
        print(
            f"{path}: ECE {ece(before):.3f} -> {ece(after):.3f}; "
            f"wrong in lowest tenth {lowest_tenth(before):.0%} -> {lowest_tenth(after):.0%}",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
