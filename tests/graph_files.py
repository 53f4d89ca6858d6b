# SPDX-License-Identifier: MIT
"""tests/graph_files.py CIRCLESIM - `circlesim graph` files as other tools
read them: GEXF and GraphML through networkx (read_gexf, read_graphml) for
the platform model and the textbook ones. Each file has the population's
users and the edge list's ties, every user the model's attributes with
values that make sense, --day N the state of day N (not the end's), and the
same bytes on one thread and on two; a --day the scenario does not have is
refused. Exits 77 (skipped) where networkx is not installed."""
import collections
import os
import subprocess
import sys
import tempfile

try:
    import networkx as nx
except ImportError:
    print("skipped: no networkx (Debian: apt-get install python3-networkx)")
    sys.exit(77)

CLI = os.path.abspath(sys.argv[1])
TMP = tempfile.mkdtemp(prefix="graph_files.")
FAILURES = []

TIERS = {"first", "new_first_second", "third_fourth", "county"}
STAGES = {"absent", "unaware", "seeded", "engaged", "bought", "bought again"}
ROLES = ["KOL", "KOC", "circle_owner", "group_owner"]


def check(ok, what):
    if not ok:
        FAILURES.append(what)
        print("FAIL:", what)
    return ok


def run(*args):
    p = subprocess.run([CLI, *args], cwd=TMP, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def graph(name, fmt, *args):
    code, _, err = run("graph", *args, "--format", fmt, "--out", name)
    if code != 0:
        raise SystemExit(f"graph {' '.join(args)} --format {fmt} failed ({code}): {err}")
    return os.path.join(TMP, name)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def edge_list(path):
    """The ties of an edge list, and the users its header declares."""
    ties, nodes = set(), None
    with open(path) as f:
        for line in f:
            if line.startswith("# Nodes:"):
                nodes = int(line.split()[2])
            elif line.strip() and not line.startswith("#"):
                u, v = map(int, line.split())
                ties.add((min(u, v), max(u, v)))
    return nodes, ties


def ties_of(g):
    return {(min(int(u), int(v)), max(int(u), int(v))) for u, v in g.edges()}


def read_both(stem, base, day=None):
    """GEXF and GraphML of one scenario (on `day`, or at its end), each
    written on 1 and 2 threads (the same bytes), read by networkx; with the
    edge list's users and ties, checked against both."""
    files = {}
    args = base + (["--day", str(day)] if day is not None else [])
    for fmt in ("gexf", "graphml"):
        one = graph(f"{stem}-1.{fmt}", fmt, *args, "--threads", "1")
        two = graph(f"{stem}-2.{fmt}", fmt, *args, "--threads", "2")
        check(read_bytes(one) == read_bytes(two),
              f"{stem}.{fmt}: --threads 1 and 2 write different bytes")
        files[fmt] = one
    nodes, ties = edge_list(graph(f"{stem}.txt", "edgelist", *base))
    g = nx.read_gexf(files["gexf"])
    h = nx.read_graphml(files["graphml"])
    for name, x in (("gexf", g), ("graphml", h)):
        check(not x.is_directed(), f"{stem}.{name}: read as directed")
        check(x.number_of_nodes() == nodes,
              f"{stem}.{name}: {x.number_of_nodes()} nodes, the edge list {nodes}")
        check(x.number_of_edges() == len(ties),
              f"{stem}.{name}: {x.number_of_edges()} ties, the edge list {len(ties)}")
        check(ties_of(x) == ties, f"{stem}.{name}: not the edge list's ties")
    # The two formats say the same of every user (GEXF adds its label).
    for u in g.nodes:
        a = {k: v for k, v in g.nodes[u].items() if k != "label"}
        if not check(a == h.nodes[u], f"{stem}: user {u} differs: gexf {a}, graphml {h.nodes[u]}"):
            break
    return g, files


def ids(d, key):
    return [int(x) for x in d[key].split(";")] if key in d else []


def check_platform_user(stem, u, d, population_tags, interests_each):
    """One user of the platform model: every attribute there, and sensible."""
    where = f"{stem}: user {u}"
    for key in ("role", "roles", "tier", "cohort", "interests", "stage", "groups",
                "circles", "trust", "brand_seeded", "brand_orders"):
        if not check(key in d, f"{where} has no {key}: {d}"):
            return
    roles = d["roles"].split(";")
    check(d["role"] in ROLES + ["user"], f"{where}: role {d['role']!r}")
    if roles == ["user"]:
        check(d["role"] == "user", f"{where}: role {d['role']} without roles")
    else:
        check(all(r in ROLES for r in roles), f"{where}: roles {d['roles']!r}")
        # The role shown is the most visible one held.
        check(d["role"] == min(roles, key=ROLES.index), f"{where}: role {d['role']} of {roles}")
    check(d["tier"] in TIERS, f"{where}: tier {d['tier']!r}")
    check(d["cohort"] in ("post95", "pre95"), f"{where}: cohort {d['cohort']!r}")
    tags = ids(d, "interests")
    check(len(tags) == interests_each and tags == sorted(set(tags))
          and all(0 <= t < population_tags for t in tags), f"{where}: interests {d['interests']!r}")
    check(d["stage"] in STAGES, f"{where}: stage {d['stage']!r}")
    check(isinstance(d["groups"], int) and 0 <= d["groups"] <= 3
          and len(ids(d, "group_ids")) == d["groups"], f"{where}: groups {d}")
    check(isinstance(d["circles"], int) and 0 <= d["circles"] <= 2
          and len(ids(d, "circle_ids")) == d["circles"], f"{where}: circles {d}")
    check(isinstance(d["trust"], float) and 0 <= d["trust"] <= 1, f"{where}: trust {d['trust']!r}")
    check(isinstance(d["brand_seeded"], bool), f"{where}: brand_seeded {d['brand_seeded']!r}")
    check(isinstance(d["brand_orders"], int) and d["brand_orders"] >= 0,
          f"{where}: brand_orders {d['brand_orders']!r}")


def stages(g):
    return collections.Counter(d["stage"] for _, d in g.nodes(data=True))


def platform():
    base = ["--set", "population.size=300", "--days", "20"]
    end, files = read_both("platform", base)
    check(end.number_of_nodes() == 300, f"platform: {end.number_of_nodes()} users, not 300")
    for u, d in end.nodes(data=True):
        check_platform_user("platform", u, d, 2500, 5)
    at_end = stages(end)
    print("platform, the end of day 20:", dict(at_end))
    check(at_end["bought"] + at_end["bought again"] > 0, "platform: nobody bought in 20 days")
    check(len([s for s in at_end if at_end[s]]) >= 3, f"platform: stages {dict(at_end)}")
    check(sum(1 for _, d in end.nodes(data=True) if d["role"] != "user") > 0,
          "platform: no user holds a role")
    text = read_bytes(files["gexf"]).decode()
    check("the end of day 20 of 20" in text, "platform.gexf: its description names no day")

    day5, _ = read_both("platform-day5", base, 5)
    for u, d in day5.nodes(data=True):
        check_platform_user("platform-day5", u, d, 2500, 5)
    on5 = stages(day5)
    print("platform, the end of day 5:", dict(on5))
    check(on5 != at_end, "platform: --day 5 has the end's stage counts")
    check(on5["bought"] + on5["bought again"] < at_end["bought"] + at_end["bought again"],
          "platform: as many buyers on day 5 as on day 20")
    # Who a user is does not change with the day.
    for u in end.nodes:
        a, b = end.nodes[u], day5.nodes[u]
        if not check(all(a[k] == b[k] for k in ("tier", "cohort", "interests")),
                     f"platform: user {u}'s tier, cohort or interests changed"):
            break

    day0, _ = read_both("platform-day0", base, 0)
    check(set(stages(day0)) <= {"absent", "unaware"},
          f"platform --day 0: stages {dict(stages(day0))} before day 1")

    # A day the scenario does not have, and --day where it means nothing.
    for args, what in (([*base, "--day", "21", "--format", "gexf"], "past the last day"),
                       ([*base, "--day", "-1", "--format", "graphml"], "negative"),
                       ([*base, "--day", "x", "--format", "gexf"], "not a number"),
                       ([*base, "--day", "3"], "with an edge list")):
        name = "refused.out"
        code, _, err = run("graph", *args, "--out", name)
        first = err.splitlines()[0] if err else ""
        check(code == 2, f"--day {what}: exit {code}, not 2")
        check(first.startswith("circlesim: error: ") and "--day" in first,
              f"--day {what}: said {first!r}")
        check(not os.path.exists(os.path.join(TMP, name)), f"--day {what}: a file was written")


def bass():
    base = ["--set", "model=bass", "--set", "population.size=300", "--days", "10",
            "--set", "bass.seeds=[3,7]"]
    end, _ = read_both("bass", base)
    day5, _ = read_both("bass-day5", base, 5)
    for stem, g in (("bass", end), ("bass-day5", day5)):
        for u, d in g.nodes(data=True):
            if not check(set(d) - {"label"} == {"stage", "adopted", "seed"},
                         f"{stem}: user {u} has {d}"):
                break
            check(d["stage"] == ("bought" if d["adopted"] else "unaware"),
                  f"{stem}: user {u} adopted {d['adopted']} at stage {d['stage']}")
            check(d["seed"] == (u in ("3", "7")), f"{stem}: user {u} seed {d['seed']}")
            check(not d["seed"] or d["adopted"], f"{stem}: seed {u} has not adopted")
    adopted = {u for u, d in end.nodes(data=True) if d["adopted"]}
    adopted5 = {u for u, d in day5.nodes(data=True) if d["adopted"]}
    print(f"bass: {len(adopted5)} adopted by day 5, {len(adopted)} by day 10")
    check(adopted5 < adopted, "bass: day 5's adopters are not fewer than, and among, day 10's")


def cascade():
    base = ["--set", "model=cascade", "--set", "population.size=300", "--days", "10",
            "--set", "cascade.p=0.3"]
    end, _ = read_both("cascade", base)
    active = 0
    for u, d in end.nodes(data=True):
        ok = check(isinstance(d.get("active"), bool) and isinstance(d.get("seed"), bool),
                   f"cascade: user {u} has {d}")
        if not ok:
            break
        active += d["active"]
        check(("day_active" in d) == d["active"], f"cascade: user {u}: {d}")
        if d["active"]:
            check(0 <= d["day_active"] <= 10 and d["seed"] == (d["day_active"] == 0),
                  f"cascade: user {u}: {d}")
    print(f"cascade: {active} active by day 10")
    check(active > 0, "cascade: nobody active")


platform()
bass()
cascade()
if FAILURES:
    print(f"{len(FAILURES)} failures (files in {TMP})")
    sys.exit(1)
subprocess.run(["rm", "-rf", TMP], check=False)
print("graph files: read back by networkx", nx.__version__)
