#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""bench/run.py - circlesim's benchmarks, called by bench/run.sh.

Each benchmark prints one row: workload, size, threads, wall seconds (the
median of 3), user-days per second, peak RSS and bytes per user. W1 also
runs the two peers on the same edge list, after checking that their
adoption curves agree with circlesim's, and reports circlesim's distance to
the random-number bound.

    bench/run.py BIN_DIR [--sizes 1e5,1e6] [--workloads w1,w2,w3,w4,gen] [--repeat 3]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

import scipy.stats  # bench/run.sh installs Debian's python3-scipy

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd, cwd=None, stdout=subprocess.DEVNULL):
    """Runs cmd under GNU time: (wall seconds, peak RSS in bytes, stdout, stderr)."""
    full = ["/usr/bin/time", "-f", "@@ %e %M"] + cmd
    r = subprocess.run(full, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = r.stderr.strip().splitlines()
    stat = [l for l in lines if l.startswith("@@ ")]
    if r.returncode != 0 or not stat:
        sys.exit(f"bench: '{' '.join(cmd)}' failed ({r.returncode}):\n{r.stderr}")
    _, wall, rss_kb = stat[-1].split()
    rest = "\n".join(l for l in lines if not l.startswith("@@ "))
    return float(wall), int(rss_kb) * 1024, r.stdout, rest


def median_run(cmd, repeat, cwd=None):
    runs = [timed(cmd, cwd) for _ in range(repeat)]
    walls = [w for w, _, _, _ in runs]
    return statistics.median(walls), max(r for _, r, _, _ in runs), runs


def row(workload, size, threads, wall, user_days, rss, note=""):
    ups = user_days / wall if wall > 0 else float("nan")
    print(f"| {workload} | {size:.0e} | {threads} | {wall:.2f} | {ups:.3g} | "
          f"{rss / 2**20:.0f} MiB | {rss / size:.0f} | {note} |", flush=True)


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def curve_of(csv_text, column):
    lines = csv_text.strip().splitlines()
    head = lines[0].split(",")
    k = head.index(column)
    return [int(l.split(",")[k]) for l in lines[1:]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bindir")
    ap.add_argument("--sizes", default="1e5,1e6")
    ap.add_argument("--workloads", default="w1,w2,w3,w4")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data", default=None, help="folder for edge lists (default: BIN_DIR/bench-data)")
    a = ap.parse_args()
    cli = os.path.join(a.bindir, "bin", "circlesim")
    data = a.data or os.path.join(a.bindir, "bench-data")
    os.makedirs(data, exist_ok=True)
    work = tempfile.mkdtemp(prefix="circlesim-bench-")
    sizes = [int(float(s)) for s in a.sizes.split(",")]
    wanted = a.workloads.split(",")
    cores = os.cpu_count()

    print("| workload | size | threads | wall s (median of %d) | user-days/s | peak RSS | bytes/user | note |"
          % a.repeat)
    print("|---|---|---|---|---|---|---|---|")
    peer_c = os.path.join(work, "bass_peer")
    subprocess.run(["cc", "-O2", "-o", peer_c, os.path.join(HERE, "peers", "bass_peer.c")], check=True)
    ns_per_draw = float(subprocess.run([os.path.join(a.bindir, "bin", "bench_rng")], capture_output=True,
                                       text=True, check=True).stdout)

    for n in sizes:
        edges = os.path.join(data, f"ba-{n}.txt")
        if not os.path.exists(edges) and ("w1" in wanted or "w2" in wanted):
            g = os.path.join(work, "graph.yaml")
            write(g, f"model: bass\nseed: 1\npopulation: {{size: {n}}}\n"
                     f"network: {{kind: barabasi_albert, m: 5}}\n")
            subprocess.run([cli, "graph", g, "--out", edges], check=True)
        days = 100
        if "w1" in wanted:
            curves = {}  # per program: one adoption curve per seed
            seeds = range(1, a.repeat + 1)
            for threads in (1, 2):
                walls, rss = [], 0
                for seed in seeds:  # a seed per repeat: the curves' noise is measured too
                    s = os.path.join(work, f"w1-{n}.yaml")
                    write(s, f"model: bass\ndays: {days}\nseed: {seed}\nbass: {{p: 0.01, q: 0.3}}\n"
                             f"population: {{size: {n}}}\nnetwork: {{kind: edgelist, file: {edges}}}\n")
                    out = os.path.join(work, f"w1-{n}-{threads}")
                    wall, r, _, _ = timed([cli, "run", s, "--threads", str(threads), "--quiet",
                                           "--out", out])
                    walls.append(wall)
                    rss = max(rss, r)
                    with open(os.path.join(out, "timeseries.csv")) as f:
                        curves.setdefault("circlesim", []).append(curve_of(f.read(), "buyers"))
                row("W1 bass-network", n, threads, statistics.median(walls), n * days, rss)
            # The peers, on the same edge list.
            peers = [("plain C", [peer_c]),
                     ("numpy/scipy", [sys.executable, os.path.join(HERE, "peers", "bass_peer.py")])]
            for name, cmd in peers:
                runs = [timed(cmd + [edges, str(n), "0.01", "0.3", str(days), str(seed)]) for seed in seeds]
                curves[name] = [[int(l.split(",")[1]) for l in r[2].strip().splitlines()] for r in runs]
                reads = [float(r[3].split()[1]) for r in runs]
                sims = [float(r[3].split()[3]) for r in runs]
                row(f"W1 peer: {name}", n, 1, statistics.median(r[0] for r in runs), n * days,
                    max(r[1] for r in runs),
                    f"read {statistics.median(reads):.2f} s, simulate {statistics.median(sims):.2f} s")
            # Agreement before any comparison of times: on each rising day,
            # the gap between the mean curves within what the seeds' own
            # spread allows (Student's t, two-sided, 0.1% a day, on the
            # sample variances), or 0.2% of the users. Three seeds say
            # little about the spread: 4 standard errors of the population
            # variances failed a peer that twenty seeds show agrees (|t| 1.6
            # at worst). Below three seeds there is no spread to judge by
            # (one seed's own noise is more than 0.2% of 10^5 users), so the
            # check is not made and the row says so.
            mine = curves["circlesim"][:len(seeds)]
            if len(seeds) < 3:
                print("|   | agreement | not checked: the seeds' spread is the yardstick, and "
                      "it needs --repeat 3 or more | | | | | not checked |")
            else:
                t_crit = scipy.stats.t.ppf(1 - 0.0005, 2 * (len(seeds) - 1))
                for name in ("plain C", "numpy/scipy"):
                    theirs, worst = curves[name], 0.0
                    for d in range(days):
                        x = [c[d] for c in mine]
                        y = [c[d] for c in theirs]
                        if not 0.1 * n < statistics.mean(x) < 0.9 * n:
                            continue
                        var = statistics.variance(x) + statistics.variance(y)
                        se = (var / len(seeds)) ** 0.5
                        gap = abs(statistics.mean(x) - statistics.mean(y)) / max(t_crit * se, 0.002 * n)
                        worst = max(worst, gap)
                    print(f"|   | agreement | {name} vs circlesim: worst gap {worst:.2f} of the tolerance "
                          f"on the rising days | | | | | {'ok' if worst <= 1 else 'DISAGREES'} |")
            # The limit: one uniform per non-adopter a day, plus the file at
            # the disk's sequential speed.
            base = [statistics.mean(c[d] for c in mine) for d in range(days)]
            draws = sum(n - b for b in [0] + base[:-1])
            dd = subprocess.run(["dd", f"if={edges}", "of=/dev/null", "bs=4M"], capture_output=True, text=True)
            speed = dd.stderr.strip().splitlines()[-1]
            size = os.path.getsize(edges)
            secs = float(speed.split(",")[-2].split()[0]) if "s," in speed else float("nan")
            bound = draws * ns_per_draw * 1e-9 + secs
            print(f"|   | limit | {draws:.3g} draws x {ns_per_draw:.2f} ns + read {size / 2**20:.0f} MiB "
                  f"in {secs:.2f} s = {bound:.2f} s | | | | | |")
        if "w2" in wanted:
            s = os.path.join(work, f"w2-{n}.yaml")
            write(s, f"model: cascade\ndays: {days}\nseed: 1\ncascade: {{p: 0.05, seeds: [0,1,2,3,4,5,6,7,8,9]}}\n"
                     f"population: {{size: {n}}}\nnetwork: {{kind: edgelist, file: {edges}}}\n")
            for threads in (1, 2):
                wall, rss, _ = median_run([cli, "run", s, "--threads", str(threads), "--quiet",
                                           "--out", os.path.join(work, "w2")], a.repeat)
                row("W2 cascade", n, threads, wall, n * days, rss)
        if "gen" in wanted:
            # Start-up: generating the platform's default network (homophily,
            # mean degree 10) and one day of Bass on it.
            s = os.path.join(work, f"gen-{n}.yaml")
            write(s, f"model: bass\ndays: 1\nseed: 1\npopulation: {{size: {n}}}\n"
                     f"network: {{kind: homophily, mean_degree: 10}}\n")
            for threads in (1, 2):
                wall, rss, _ = median_run([cli, "run", s, "--threads", str(threads), "--quiet",
                                           "--out", os.path.join(work, "gen")], a.repeat)
                row("homophily network", n, threads, wall, n, rss, "generation and one day of Bass")
        if "w3" in wanted:
            for threads in (1, 2):
                wall, rss, _ = median_run([cli, "run", "--set", f"population.size={n}", "--threads",
                                           str(threads), "--quiet", "--out", os.path.join(work, "w3")],
                                          a.repeat)
                row("W3 platform", n, threads, wall, n * 365, rss, "365 days after a 60-day warm-up")
    if "w4" in wanted:
        runs = 4 * cores
        wall, rss, _ = median_run([cli, "sweep", "--set", "population.size=10000", "--vary",
                                   "brand.koc_seeds=20,50", "--replicates", str(runs // 2), "--jobs",
                                   str(cores), "--quiet", "--out", os.path.join(work, "w4")], a.repeat)
        print(f"| W4 sweep throughput | 1e+04 | {cores} jobs | {wall:.2f} | {runs / wall:.3g} runs/s | "
              f"{rss / 2**20:.0f} MiB | | {runs} runs of the default at 10 000 users |", flush=True)


if __name__ == "__main__":
    main()
