#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""bass_peer.py - the vectorized numpy/scipy program a user might write for
workload W1 of bench/run.sh: Bass diffusion on a network read from an edge
list, one sparse matrix-vector product a day.

    bass_peer.py EDGELIST N P Q DAYS SEED > curve.csv

Prints "day,adopters" for each day; on stderr "read S sim S" in seconds."""
import sys
import time

import numpy as np
import scipy.sparse as sp


def main():
    path, n, p, q, days, seed = sys.argv[1:7]
    n, p, q, days, seed = int(n), float(p), float(q), int(days), int(seed)
    t0 = time.perf_counter()
    with open(path, "rb") as f:
        text = f.read()
    start = 0  # circlesim's export starts with '#' header lines
    while text.startswith(b"#", start):
        start = text.index(b"\n", start) + 1
    pairs = np.fromstring(text[start:], dtype=np.int64, sep=" ").reshape(-1, 2)
    u, v = pairs[:, 0], pairs[:, 1]
    ones = np.ones(2 * len(u), dtype=np.float64)
    a = sp.csr_matrix((ones, (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n))
    deg = np.asarray(a.sum(axis=1)).ravel()
    inv = np.divide(1.0, deg, out=np.zeros_like(deg), where=deg > 0)
    t1 = time.perf_counter()
    rng = np.random.default_rng(seed)
    adopted = np.zeros(n, dtype=bool)
    out = []
    for day in range(1, days + 1):
        share = (a @ adopted.astype(np.float64)) * inv
        adopted |= rng.random(n) < p + q * share
        out.append(f"{day},{int(adopted.sum())}")
    t2 = time.perf_counter()
    print("\n".join(out))
    print(f"read {t1 - t0:.3f} sim {t2 - t1:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
