#!/usr/bin/env python3
"""Batch benchmark for raadsstuk: a corpus of 100 documents built from the samples.

Usage (from the repository root, after `cargo build --release`):

    python3 tests/bench/bench.py [--binary target/release/raadsstuk] [--years 20] [--documenten 100]
        [--programmas N] [--keep DIR] [--typst PATH] [--skip-naive]

Generates 20 extra years (2030-2049) of 4 documents each: a Kadernota (its period and
baseline moved to that year), two raadsvoorstellen (one with the Kadernota as bijlage, so with
a 42-page bundle; one without), and a jaarverslag (with its begroting primitief, as there is no
begroting of those years), plus raadsvoorstellen up to 100 documents (`--documenten`). With
`--programmas N` the 2024 begroting book has N programmes (the samples' two and copies of the
second, each with its jaarverslag in the jaarstukken), for measurements on a book of a real gemeente's size (twelve is typical). It then
measures, on this machine:

- the full batch build (all cores): wall time, documents per second, median per-document time,
  and the share of the work spent inside Typst (compile + PDF export) versus our own work;
- peak memory (maximum resident set size of the build process);
- a no-op rebuild, and a rebuild after one corrected realisatie in the middle year (2040);
- the naive path: one process per PDF, one after another and two at a time. With a `typst`
  CLI (--typst, or on PATH) it compiles the sources `--emit-typst` writes (a bundle as one
  source holding all its parts); without one it uses one raadsstuk
  process per document (cold: fonts, templates and the Typst library loaded each time), which is
  the same Typst engine started afresh, and says so.
"""

import argparse
import concurrent.futures
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def make_corpus(root, years, documenten, programmas):
    shutil.copytree(os.path.join(REPO, "data"), os.path.join(root, "data"))
    shutil.copytree(os.path.join(REPO, "fonts"), os.path.join(root, "fonts"))
    data = os.path.join(root, "data")
    kadernota = open(os.path.join(data, "2018", "kadernota-integrale-veiligheid-2018-2022.yaml"), encoding="utf-8").read()
    voorstel = open(os.path.join(data, "2018", "raadsvoorstel-kadernota-integrale-veiligheid.yaml"), encoding="utf-8").read()
    verslag = open(os.path.join(data, "2024", "jaarverslag-veiligheid.yaml"), encoding="utf-8").read()
    count = 0
    for i, year in enumerate(range(2030, 2030 + years)):
        folder = os.path.join(data, str(year))
        os.makedirs(folder)
        k = kadernota.replace("van: 2018", f"van: {year}").replace("tot: 2022", f"tot: {year + 4}")
        k = k.replace("datum: 2018-07-04", f"datum: {year}-07-04")
        # Its baseline is measured just before its period, as the sample's (2016/2017 for 2018).
        k = k.replace("jaar: 2016,", f"jaar: {year - 2},").replace("jaar: 2017,", f"jaar: {year - 1},")
        for old, new in zip(("2019:", "2020:", "2021:", "2022:"), range(year + 1, year + 5)):
            k = k.replace(f"                  {old}", f"                  {new}:")
        open(os.path.join(folder, "kadernota.yaml"), "w", encoding="utf-8").write(k)
        for n, with_bijlage in ((1, True), (2, False)):
            v = voorstel.replace('nummer: "2018.0042544"', f'nummer: "{year}.00{n:05d}"')
            v = v.replace("collegevergadering: 2018-07-16", f"collegevergadering: {year}-07-16")
            if with_bijlage:
                v = v.replace("data/2018/kadernota-integrale-veiligheid-2018-2022.yaml", f"data/{year}/kadernota.yaml")
            else:
                v = v.replace("    bestand: data/2018/kadernota-integrale-veiligheid-2018-2022.yaml\n", "")
            open(os.path.join(folder, f"raadsvoorstel-{n}.yaml"), "w", encoding="utf-8").write(v)
        j = verslag.replace("datum: 2025-", f"datum: {year + 1}-")
        j = re.sub(r"realisatie: (\d+)\n", lambda m: f"realisatie: {int(m.group(1)) + i}\n", j)
        # No begroting for these years: the primitief is typed, as the jaarverslag asks then; the
        # realisatie of the year before is typed only in the first year (later ones read it from
        # the jaarverslag before them).
        vorig = "realisatie_vorig_jaar: {0}, " if i == 0 else ""
        j = re.sub(
            r"\{ realisatie: (\d+) \}",
            lambda m: "{ "
            + (vorig + "begroting_primitief: {0}, begroting_na_wijziging: {0}, realisatie: {0} }}").format(m.group(1)),
            j,
        )
        open(os.path.join(folder, "jaarverslag.yaml"), "w", encoding="utf-8").write(j)
        count += 4
    # A begroting book of N programmes: copies of the samples' second programme.
    # Each with its jaarverslag 2024 in the jaarstukken; their jaarrekening, whose balans is that
    # of the samples' two programmes, is left out when there are more.
    if programmas > 2:
        boek = os.path.join(data, "2024", "jaarverslagboek.yaml")
        tekst = open(boek, encoding="utf-8").read()
        open(boek, "w", encoding="utf-8").write(tekst[: tekst.index("\njaarrekening:")] + "\n")
    bestuur = open(os.path.join(data, "2024", "programmabegroting-bestuur.yaml"), encoding="utf-8").read()
    verslag_bestuur = open(os.path.join(data, "2024", "jaarverslag-bestuur.yaml"), encoding="utf-8").read()
    for n in range(3, programmas + 1):
        for bron, naam in ((bestuur, "programmabegroting"), (verslag_bestuur, "jaarverslag")):
            b = re.sub(r"^nummer: \d+$", f"nummer: {n}", bron, count=1, flags=re.M)
            b = re.sub(r"^programma: .*$", f"programma: Programma {n}", b, count=1, flags=re.M)
            open(os.path.join(data, "2024", f"{naam}-programma-{n}.yaml"), "w", encoding="utf-8").write(b)
    # Round the corpus up with extra raadsvoorstellen in the last year.
    existing = sum(
        1 for d, _, files in os.walk(data) for f in files if f.endswith(".yaml") and os.path.basename(d).isdigit()
    )
    extra = 0
    while existing + extra < documenten:
        v = voorstel.replace('nummer: "2018.0042544"', f'nummer: "2099.{extra:07d}"')
        v = v.replace("    bestand: data/2018/kadernota-integrale-veiligheid-2018-2022.yaml\n", "")
        open(os.path.join(data, str(2030 + years - 1), f"extra-{extra}.yaml"), "w", encoding="utf-8").write(v)
        extra += 1
    return existing + extra


def run(cmd, cwd=None):
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stdout}\n{result.stderr}")
    return seconds, result.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "raadsstuk"))
    ap.add_argument("--years", type=int, default=20)
    ap.add_argument("--documenten", type=int, default=100, help="round the corpus up to this many documents")
    ap.add_argument("--programmas", type=int, default=2, help="programmes in the 2024 begroting book")
    ap.add_argument("--keep", help="keep the corpus in this folder")
    ap.add_argument("--typst", help="the typst CLI for the naive path (default: `typst` on PATH)")
    ap.add_argument("--skip-naive", action="store_true", help="leave out the naive path (for large corpora)")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.path.exists(binary):
        sys.exit(f"{binary} not found: run `cargo build --release` first")

    root = args.keep or tempfile.mkdtemp(prefix="raadsstuk-bench-")
    if args.keep and os.path.exists(root):
        shutil.rmtree(root)
    documents = make_corpus(root, args.years, args.documenten, args.programmas)
    cores = os.cpu_count()
    print(f"corpus: {documents} documents in {root}; {cores} cores")

    full, out = run([binary, "-C", root, "build", "--timings", "--out", os.path.join(root, "out")])
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    work = re.search(r"documenten samen ([\d,]+) s, waarvan Typst \(compileren en PDF\) ([\d,]+) s", out)
    pages = sum(int(x) for x in re.findall(r"\((\d+) pagina", out))
    print(f"full build:          {full:.2f} s wall, {documents / full:.1f} documents/s, {pages} pages")
    if work:
        total, typst = (float(work.group(i).replace(",", ".")) for i in (1, 2))
        print(f"our own work:        {100 * (total - typst) / total:.1f}% of the document time (the rest is Typst's compile and PDF export)")
    print(f"peak memory:         {peak_mb:.0f} MB (maximum RSS of the build process)")
    # What each output's part per document cost, and the Iv3 delivery's share of the work.
    per_uitvoer = re.search(r"per uitvoer: (.*)", out)
    if per_uitvoer:
        print(f"per output:          {per_uitvoer.group(1)}")
        iv3 = re.search(r"iv3 ([\d,]+) (ms|s)", per_uitvoer.group(1))
        if iv3 and work:
            seconds = float(iv3.group(1).replace(",", ".")) / (1000 if iv3.group(2) == "ms" else 1)
            print(f"Iv3 delivery:        {100 * seconds / total:.2f}% of the document time")

    noop, out = run([binary, "-C", root, "build", "--out", os.path.join(root, "out")])
    assert "0 gemaakt" in out, out
    print(f"no-op rebuild:       {noop * 1000:.0f} ms")

    # Per-document times from a one-at-a-time build: with two at a time, rayon lets a document's
    # thread steal work of the other document while Typst lays out in parallel.
    _, out = run([binary, "-C", root, "build", "--force", "--jobs", "1", "--timings", "--out", os.path.join(root, "out1")])
    per_doc = [float(x.replace(",", ".")) for x in re.findall(r"^  gemaakt +\S+ \(([\d,]+) s\)", out, re.M)]
    print(f"per document:        median {statistics.median(per_doc) * 1000:.0f} ms, one at a time ({len(per_doc)} documents)")

    corrected = 2030 + args.years // 2
    path = os.path.join(root, "data", str(corrected), "jaarverslag.yaml")
    if args.years == 0:
        # No extra years: the book's correction below is the one measured.
        path = None
    if path:
        text = open(path, encoding="utf-8").read()
        corrected_text = re.sub(r"realisatie: (\d+)\n", lambda m: f"realisatie: {int(m.group(1)) + 1}\n", text, count=1)
        if corrected_text == text:
            sys.exit(f"the benchmark's correction found no realisatie in {path}")
        open(path, "w", encoding="utf-8").write(corrected_text)
        # The corpus's jaarverslagen are definitief, as the samples are: a correction revises them.
        fix, out = run([binary, "-C", root, "build", "--herzie", "--out", os.path.join(root, "out")])
        rebuilt = re.search(r"(\d+) gemaakt", out).group(1)
        print(f"one corrected value: {fix:.2f} s ({rebuilt} documents rebuilt: the jaarverslagen whose trends show {corrected}), {full / fix:.1f}x faster than the full build")

    if args.programmas > 2:
        # One corrected figure in one programme of the book, as a separate build: the programme's
        # own PDF and the book are made again (the book lays out its other chapters again too:
        # a new process has no layouts of them).
        middle = args.programmas // 2 + 1
        path = os.path.join(root, "data", "2024", f"programmabegroting-programma-{middle}.yaml")
        text = open(path, encoding="utf-8").read()
        # The first lasten line's 2024 amount (lines or one figure per year alike).
        at = text.index("financien:")
        corrected_text = text[:at] + re.sub(r"(2024: )(\d+)", lambda m: f"{m.group(1)}{int(m.group(2)) + 1000}", text[at:], count=1)
        if corrected_text == text:
            sys.exit(f"the benchmark's correction found no 2024 amount in {path}")
        open(path, "w", encoding="utf-8").write(corrected_text)
        fix, out = run([binary, "-C", root, "build", "--herzie", "--out", os.path.join(root, "out")])
        rebuilt = re.search(r"(\d+) gemaakt", out).group(1)
        book, _ = run([binary, "-C", root, "build", "--force", "--zonder-web", "--out", os.path.join(root, "boek"), "data/2024/begrotingsboek.yaml"])
        print(f"one corrected figure in programme {middle} of the {args.programmas}-programme book: {fix:.2f} s ({rebuilt} documents rebuilt), {100 * fix / full:.0f}% of the full build; the book alone from scratch: {book:.2f} s")

    if args.skip_naive:
        if not args.keep:
            shutil.rmtree(root)
        return

    # The naive path: one cold process per document.
    docs = sorted(
        os.path.relpath(os.path.join(d, f), root)
        for d, _, files in os.walk(os.path.join(root, "data"))
        for f in files
        if f.endswith(".yaml") and os.path.basename(d).isdigit()
    )
    typst = args.typst or shutil.which("typst")
    if typst:
        label = "typst compile, one process per document"
        srcdir = os.path.join(root, "typ")
        run([binary, "-C", root, "build", "--force", "--emit-typst", "--out", srcdir])
        sources = sorted(os.path.join(d, f) for d, _, fs in os.walk(srcdir) for f in fs if f.endswith(".typ"))
        # One source per PDF we write, with the same standards. --emit-typst writes a bundle as
        # one source with all its parts (a separate process cannot reuse the parts' layout), and
        # a jaarverslag's charts beside its source, under the folder used as the root here.
        jobs = [[typst, "compile", "--features", "a11y-extras", "--root", os.path.dirname(s), "--font-path", os.path.join(root, "fonts"), "--ignore-system-fonts", "--pdf-standard", "a-2a,ua-1", s] for s in sources]
    else:
        label = "no typst CLI installed: one cold raadsstuk process per document (same Typst engine)"
        jobs = [[binary, "-C", root, "build", "--force", "--jobs", "1", "--out", os.path.join(root, "naive"), d] for d in docs]
    start = time.perf_counter()
    outcomes = [subprocess.run(j, capture_output=True, cwd=root, text=True) for j in jobs]
    failed = [o for o in outcomes if o.returncode != 0]
    serial = time.perf_counter() - start
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda j: subprocess.run(j, capture_output=True, cwd=root), jobs))
    parallel = time.perf_counter() - start
    print(f"naive path ({label}; {len(jobs)} compiles, {len(failed)} failed):")
    for o in failed[:3]:
        print(f"  failed: {' '.join(o.args[-1:])}: {o.stderr.strip()[:300]}")
    print(f"  one after another: {serial:.2f} s  -> batch is {serial / full:.2f}x faster")
    print(f"  two at a time:     {parallel:.2f} s  -> batch is {parallel / full:.2f}x faster")
    if not args.keep:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
