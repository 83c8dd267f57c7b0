#!/usr/bin/env python3
"""5-fold cross-validation of the scam-message checker over train + dev (issue 5 §4).

Each fold of the non-held-out corpus is judged by a model trained without it, so every
one of those messages gets an out-of-fold verdict: a tuning set five times the dev split
that the held-out split never enters. Prints precision, recall, F1 and the
false-positive rate of the rule file as it is and, with --sweep, of other model weights
and suspicious thresholds (the scores are recomputed from the rule points and the
model's probability).

    python3 bench/checker_cv.py [--build build] [--rules checker/rules.yaml] [--sweep]
                                [--errors] [--train "--epoch 40 --dim 16"]

--errors prints the misjudged messages (checker_quality's ERR lines, out of fold): the
messages to study when writing rules, without looking at the held-out split.
"""
import argparse
import hashlib
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

FOLDS = 5


def fold_of(text):
    return int(hashlib.md5(text.strip().encode()).hexdigest(), 16) % FOLDS


def run_fold(k, args, corpus, work):
    """Trains without fold k and returns the dump lines of fold k's messages."""
    sub = os.path.join(work, f"corpus{k}")
    for part in ("fraud", "normal"):
        os.makedirs(os.path.join(sub, part))
        for name in os.listdir(os.path.join(corpus, part)):
            with open(os.path.join(corpus, part, name), encoding="utf-8") as src, open(
                os.path.join(sub, part, name), "w", encoding="utf-8"
            ) as dst:
                dst.writelines(line for line in src if fold_of(line) != k)
    model = os.path.join(work, f"model{k}.bin")
    subprocess.run(
        [os.path.join(args.build, "src/train_checker_model"), args.rules, sub, model]
        + args.train.split(),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    out = subprocess.run(
        [os.path.join(args.build, "bench/checker_quality"), args.rules, corpus, "--model", model,
         "--split", "train", "--all"],
        check=True, capture_output=True, text=True,
    ).stdout
    rows = []
    for line in out.splitlines():
        f = line.split("\t")
        if f[0] in ("ERR", "MSG") and fold_of(f[7]) == k:
            rows.append(f)
    return rows


def muting_signals(rules):
    """Names of the rule file's signals with mute: true (they zero the model's positive points)."""
    with open(rules, encoding="utf-8") as f:
        blocks = re.split(r"\n  - name: ", f.read())
    return {b.split("\n", 1)[0].strip() for b in blocks[1:] if re.search(r"\n\s+mute: true", b)}


def legitimate_categories(corpus):
    return {n[:-4] for n in os.listdir(os.path.join(corpus, "normal"))}


def summary(hits):
    tp = sum(1 for legit, hit in hits if not legit and hit)
    fn = sum(1 for legit, hit in hits if not legit and not hit)
    fp = sum(1 for legit, hit in hits if legit and hit)
    legit = sum(1 for legit, _ in hits if legit)
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    f1 = 2 * p * r / max(1e-9, p + r)
    return f"precision {p:.3f} recall {r:.3f} F1 {f1:.3f} false positives {100 * fp / legit:.2f} % ({fp}/{legit})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--rules", default="checker/rules.yaml")
    ap.add_argument("--corpus", default="checker/corpus")
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--train", default="", help='options for train_checker_model, e.g. "--epoch 40"')
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="checker-cv-")
    try:
        with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
            parts = pool.map(lambda k: run_fold(k, args, args.corpus, work), range(FOLDS))
            rows = [r for part in parts for r in part]
    finally:
        shutil.rmtree(work)
    legit_names = legitimate_categories(args.corpus)
    print(f"{len(rows)} messages, {FOLDS} folds, rules {args.rules}")
    print("as the rule file says: " + summary([(f[1] in legit_names, f[2] != "normal") for f in rows]))
    if args.errors:
        for f in rows:
            if f[0] == "ERR":
                print("\t".join(f))
    if not args.sweep:
        return
    muting = muting_signals(args.rules)
    parsed = []
    for f in rows:
        signals = re.findall(r"(\w+)\((-?\d+)\)", f[6])
        rule_points = sum(int(w) for n, w in signals if n != "model")
        muted = any(n in muting for n, _ in signals)
        parsed.append((f[1] in legit_names, rule_points, float(f[5][2:]), muted))
    for fraud_weight in (40, 45, 50, 55):
        for normal_weight in (40, 60, 80, 100):
            for threshold in (30, 35, 40):
                hits = []
                for legit, rule_points, p, muted in parsed:
                    lean = 2 * p - 1
                    v = (fraud_weight if lean > 0 else normal_weight) * lean
                    points = int(math.copysign(math.floor(abs(v) + 0.5), v))  # as lround
                    if muted and points > 0:
                        points = 0
                    hits.append((legit, max(0, min(100, rule_points + points)) >= threshold))
                print(f"model_weight {fraud_weight} model_weight_normal {normal_weight} "
                      f"suspicious {threshold}: {summary(hits)}")


if __name__ == "__main__":
    sys.exit(main())
