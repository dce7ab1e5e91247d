#!/usr/bin/env python3
"""Tamper campaign against `kraamplan check`, through the real binary.

Solves the four bundled colour scenarios (the ladder), the default
scenario, and a small fixture with the heuristic alone, then writes tampered copies of each plan — one edit each, of the
kinds a forger would try — and runs `kraamplan check` on every copy. A tamper
is caught when check exits non-zero. Prints the count per kind and the
tampers that passed.

    scripts/tamper-campaign.py [--bin target/release/kraamplan] [--per-kind 6] [--seed 1]

`tests/tamper.rs` is the same idea as a property test inside the suite; this
script measures a binary from outside (an older build too: pass --bin).
"""
import argparse
import copy
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

# (scenario, extra solve options). The last is a heuristic plan with families
# below the floor and no certificate: the case where raising the certificate
# to the count ("this shortage was unavoidable") is the forger's best move.
SCENARIOS = [
    ("scenarios/colours/groen.json", []),
    ("scenarios/colours/oranje.json", []),
    ("scenarios/colours/rood.json", []),
    ("scenarios/colours/zwart.json", []),
    ("scenarios/default.json", []),
    ("tests/fixtures/1provider-1nurse-3families-short.json", ["--engine", "heuristic", "--no-ladder"]),
]


def first(xs):
    return xs[0] if xs else None


def tampers(scenario, plan, rng):
    """Yield (kind, tampered plan) pairs; every edit changes a claim."""
    s = scenario
    off = {n["id"]: n.get("off", []) for n in s["nurses"]}

    def t(kind, edit):
        p = copy.deepcopy(plan)
        if edit(p) is not False and p != plan:
            yield kind, p

    def hours(p):
        v = rng.choice(p["visits"])
        v["hours"] += 1

    def day_off(p):
        cands = [v for v in p["visits"] if off.get(v["nurse"])]
        if not cands:
            return False
        v = rng.choice(cands)
        v["date"] = rng.choice(off[v["nurse"]])

    def certificate(p):
        k = p["kpi"]
        k["certified_min_below_floor"] = max(k["families_below_floor"], k["certified_min_below_floor"] + 1)

    def kpi(p):
        k = p["kpi"]
        f = rng.choice(["families_below_floor", "shortfall_hours", "delivered_hours", "pool_shortfall", "gini", "provider_scale_down_spread"])
        k[f] = k[f] + (1 if isinstance(k[f], int) else 0.05)

    def certificate_equal(p):
        # The worst case of the campaign: "this shortage was unavoidable".
        k = p["kpi"]
        if k["families_below_floor"] == k["certified_min_below_floor"]:
            return False
        k["certified_min_below_floor"] = k["families_below_floor"]

    def engine(p):
        e = p["engine"]
        c = rng.randrange(5)
        if c == 0:
            e["bound"] = e["objective"] + 1
        elif c == 1:
            e["status"] = "optimal"; e["bound"] = e["objective"] - 1; e["gap"] = 1 / max(1, abs(e["objective"]))
        elif c == 2:
            e["objective"] += 1
        elif c == 3:
            e["name"] = "cplex"
        else:
            e["gap"] += 0.5

    def level(p):
        ls = p["engine"].get("levels", [])
        if not ls:
            return False
        l = rng.choice(ls)
        if l["sense"] == "min":
            l["bound"] = l["value"] + 1
        else:
            l["bound"] = l["value"] - 1

    def optimal_with_gap(p):
        ls = [l for l in p["engine"].get("levels", []) if l["value"] != 0]
        if not ls:
            return False
        l = rng.choice(ls)
        l["status"] = "optimal"
        l["bound"] = l["value"] * 0.5 if l["sense"] == "min" else l["value"] * 2

    def rung(p):
        es = [e for e in p.get("escalation", []) if e["rungs"]]
        if not es:
            return False
        r = rng.choice(es)["rungs"][0]
        if r["families_below_floor"] > 0:
            r["families_below_floor"] = 0; r["shortfall_hours"] = 0
        else:
            r["families_below_floor"] = 1
            r["shortfall_hours"] = max(1, r["shortfall_hours"])

    def colour(p):
        ws = p.get("weeks", [])
        if not ws:
            return False
        w = rng.choice(ws)
        order = ["groen", "oranje", "rood", "zwart"]
        prov = rng.choice(sorted(w["providers"]))
        w["providers"][prov] = order[(order.index(w["providers"][prov]) + 1) % 4]

    def why(p):
        ws = p.get("weeks", [])
        if not ws:
            return False
        w = rng.choice(ws)
        if w.get("why"):
            i = rng.randrange(len(w["why"]))
            w["why"][i] = w["why"][i] + " (as agreed with the insurer)"
        else:
            w["why"] = ["P1 oranje: nothing to worry about"]

    def proof(p):
        # Claim proof for an unproven code, or hide it for a proven one.
        ws = p.get("weeks", [])
        if not ws:
            return False
        w = rng.choice(ws)
        if w.get("proven"):
            w["proven"] = False
        elif w.get("unproven"):
            w["proven"] = True
            w["unproven"] = []
        else:
            w["proven"] = True

    def delete_weeks(p):
        if not p.get("weeks"):
            return False
        p["weeks"] = []

    def delete_escalation(p):
        if not p.get("escalation"):
            return False
        del p["escalation"]

    def fmt(p):
        p["format"] = "kraamplan/plan@2"

    def other_scenario(p):
        p["scenario"] = p["scenario"] + " (another week)"

    def unknown_field(p):
        p["kpi"]["proven_unavoidable"] = True

    kinds = [hours, day_off, certificate, certificate_equal, kpi, engine, level, optimal_with_gap, rung,
             colour, why, proof, delete_weeks, delete_escalation, fmt, other_scenario, unknown_field]
    for edit in kinds:
        yield from t(edit.__name__, edit)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/kraamplan")
    ap.add_argument("--per-kind", type=int, default=6)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-limit", default="20")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    tmp = Path(tempfile.mkdtemp(prefix="tamper-"))
    caught, total, passed = {}, {}, []
    for sc, extra in SCENARIOS:
        out = tmp / Path(sc).stem
        subprocess.run([a.bin, "solve", sc, "--out", str(out), "--time-limit", a.time_limit, *extra],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        plan = json.loads((out / "plan.json").read_text())
        scenario = json.loads(Path(sc).read_text())
        clean = subprocess.run([a.bin, "check", sc, str(out / "plan.json")], capture_output=True)
        if clean.returncode != 0:
            print(f"{sc}: the untampered plan does not pass check", file=sys.stderr)
            sys.exit(2)
        for _ in range(a.per_kind):
            for kind, forged in tampers(scenario, plan, rng):
                path = tmp / "forged.json"
                path.write_text(json.dumps(forged))
                r = subprocess.run([a.bin, "check", sc, str(path)], capture_output=True)
                total[kind] = total.get(kind, 0) + 1
                if r.returncode != 0:
                    caught[kind] = caught.get(kind, 0) + 1
                else:
                    passed.append((sc, kind))
    n = sum(total.values())
    print(f"{a.bin}: {n - len(passed)} of {n} tampered plans caught, {len(passed)} passed")
    for kind in total:
        print(f"  {kind:20s} {caught.get(kind, 0):3d} of {total[kind]:3d} caught")
    for sc, kind in sorted(set(passed)):
        print(f"  passed: {kind} on {sc}")


if __name__ == "__main__":
    main()
