"""Command line: a thin layer over the API. Exit codes: 0 ok, 1 some input failed, 2 usage or rule error."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import __version__
from .api import Cleaner, Config
from .batch import STDIN, read_text_file
from .engine.examples import iter_checks, run_check
from .engine.model import ACTIONS, CATEGORIES, REGIONS, Rule, StructureRule
from .errors import CleanerError, RuleError

if TYPE_CHECKING:
    from .authoring.costs import Prefilter
    from .engine.model import Pack

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except RuleError as exc:
        print(f"cleaner: rule error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CleanerError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description="Strip scraped cruft from news articles.",
                                     epilog="Exit codes: 0 ok, 1 some input failed, 2 usage or rule error.")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = parser.add_subparsers(metavar="COMMAND")

    clean = sub.add_parser("clean", help="clean files, directories, globs, JSONL, WARC or stdin (-)",
                           formatter_class=argparse.RawDescriptionHelpFormatter, epilog=CLEAN_EPILOG)
    clean.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="file, directory, glob, or - for stdin (.txt, .html/.htm, .jsonl, .warc; .gz/.zst)")
    clean.add_argument("-o", "--output", metavar="OUTDIR",
                       help="write OUTDIR/<relative path>.txt per document (with --format jsonl: "
                            "OUTDIR/cleaned.jsonl, or the file itself if it ends in .jsonl)")
    clean.add_argument("--format", choices=["text", "jsonl"], default="text",
                       help="text: one .txt per document; jsonl: one record per document (default: text)")
    clean.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                       help="worker processes (default: all cores; 1 = no workers)")
    clean.add_argument("--input-format", choices=["auto", "text", "html", "jsonl", "warc"], default="auto",
                       help="how to read the inputs (default: by suffix; stdin is sniffed)")
    clean.add_argument("--text-field", default="text", metavar="NAME", help="JSONL field with the article (text)")
    clean.add_argument("--url-field", default="url", metavar="NAME", help="JSONL field with the URL (url)")
    clean.add_argument("--id-field", default="id", metavar="NAME", help="JSONL field with the id (id)")
    clean.add_argument("--errors", metavar="FILE", help="write one JSON error record per failed document")
    clean.add_argument("--stats", metavar="FILE", help="write counts per rule and category, and throughput (JSON)")
    clean.add_argument("--resume", action="store_true",
                       help="continue an interrupted run into the same -o: skip what is done, redo the rest")
    clean.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="progress bar on stderr (default: when stderr is a terminal)")
    clean.add_argument("--fsync", action="store_true", help="fsync each output file before renaming it into place")
    clean.add_argument("--max-doc-bytes", type=int, default=64 * 1024 * 1024, metavar="N",
                       help="documents larger than this fail instead of being read (default: 64 MiB)")
    from .batch import add_limit_options

    add_limit_options(clean)  # --max-doc-chars, --max-line-chars, --time-budget, --regex-timeout
    _common_options(clean)
    # review modes (cleaner/authoring): write nothing, show what the rules do
    clean.add_argument("--diff", action="store_true",
                       help="write nothing; print each input with removed lines marked by rule id and category")
    clean.add_argument("--dry-run", action="store_true",
                       help="write nothing; print per-rule hits, samples and the heaviest documents "
                            "(as `cleaner rules stats`)")
    clean.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                       help="colour --diff by category (auto: on a terminal, unless NO_COLOR is set)")
    clean.set_defaults(run=_cmd_clean)

    explain = sub.add_parser("explain", help="show each removed line with rule id and category")
    explain.add_argument("input", metavar="INPUT", help="a text file, or - for stdin")
    explain.add_argument("--format", choices=["text", "json"], default="text")
    explain.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                         help="colour removals by category (auto: on a terminal, unless NO_COLOR is set)")
    explain.add_argument("--context", type=int, default=None, metavar="N",
                         help="show only removals and N lines around them")
    _common_options(explain)
    _date_option(explain)
    explain.set_defaults(run=_cmd_explain)

    report = sub.add_parser("report", help="write one self-contained HTML report of what the rules removed")
    report.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories, .jsonl, or - for stdin")
    report.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML file to write")
    report.add_argument("--title", default=None, help="the report's title")
    _common_options(report)
    _date_option(report)
    report.set_defaults(run=_cmd_report)

    rules = sub.add_parser("rules", help="list, show, check and test rule packs")
    rules_sub = rules.add_subparsers(metavar="ACTION")
    listing = rules_sub.add_parser("list", help="list rules")
    listing.add_argument("--category")
    listing.add_argument("--pack")
    listing.add_argument("--rules", action="append", default=[], metavar="PATH")
    listing.set_defaults(run=_cmd_rules_list)
    show = rules_sub.add_parser("show", help="print a rule's doc, pattern and examples")
    show.add_argument("rule_id", metavar="ID")
    show.add_argument("--rules", action="append", default=[], metavar="PATH")
    show.set_defaults(run=_cmd_rules_show)
    check = rules_sub.add_parser("check", help="validate packs (shipped ones, or the PATHs given); lists every problem")
    check.add_argument("paths", nargs="*", metavar="PATH")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--costs", action="store_true",
                       help="also list the rules the matcher can only find by a translation of their pattern "
                            "(no literal every match contains): each one costs every document scan time")
    check.set_defaults(run=_cmd_rules_check)
    test = rules_sub.add_parser("test", help="run every rule's examples and every site pack's fixtures (offline)")
    test.add_argument("packs", nargs="*", metavar="PACK", help="pack names or files (default: all)")
    test.add_argument("--rules", action="append", default=[], metavar="PATH")
    test.set_defaults(run=_cmd_rules_test)
    stats = rules_sub.add_parser("stats", help="dry run over a corpus: hits and samples per rule, rules that "
                                               "never fired, documents that lost the most")
    stats.add_argument("inputs", nargs="+", metavar="CORPUS", help="files, directories, .jsonl, or - for stdin")
    stats.add_argument("--format", choices=["text", "json"], default="text")
    stats.add_argument("--samples", type=int, default=3, metavar="N", help="sample matches per rule (3)")
    stats.add_argument("--top", type=int, default=10, metavar="N", help="documents that lost the most (10)")
    _common_options(stats)
    _date_option(stats)
    stats.set_defaults(run=_cmd_rules_stats)
    new = rules_sub.add_parser("new", help="scaffold a rule with a fresh id (printed, or appended to a pack file)")
    new.add_argument("--pack", help="the pack it belongs to, e.g. sites/example.com (default: the --append file's)")
    new.add_argument("--category", required=True, choices=list(CATEGORIES))
    new.add_argument("--append", metavar="FILE", help="append to this pack file (created if missing)")
    new.add_argument("--name", help="lower-case-dashes name of the pattern")
    new.add_argument("--kind", choices=["regex", "exact", "prefix"], default="regex", help="match kind (regex)")
    new.add_argument("--match", metavar="PATTERN", help="the pattern (or the line, for exact/prefix)")
    new.add_argument("--action", choices=list(ACTIONS), default="drop-line")
    new.add_argument("--region", choices=list(REGIONS), default="anywhere")
    new.add_argument("--what", help="doc.what")
    new.add_argument("--why", help="doc.why")
    new.add_argument("--lang", help="lang: of a new pack file")
    new.add_argument("--rules", action="append", default=[], metavar="PATH", help="more packs whose ids are taken")
    new.set_defaults(run=_cmd_rules_new)
    learn = rules_sub.add_parser("learn", help="propose a site pack from lines the site repeats on its pages")
    learn.add_argument("pages", nargs="+", metavar="PAGES", help="text files or directories of one site's pages")
    learn.add_argument("--site", required=True, metavar="HOST", help="the site's host, e.g. www.example.com")
    learn.add_argument("-o", "--output", metavar="FILE", help="write the proposed pack here (default: stdout)")
    learn.add_argument("--lang", help="lang: of the site (declared in the pack)")
    learn.add_argument("--min-support", type=int, default=None, metavar="N",
                       help="pages a line must repeat on (default: max(3, 20%% of the pages))")
    learn.add_argument("--min-share", type=float, default=0.2, metavar="F", help="share of pages, see --min-support")
    learn.add_argument("-v", "--verbose", action="store_true", help="list the frequent lines not proposed, and why")
    learn.set_defaults(run=_cmd_rules_learn)
    from .importers.commands import add_import_parser

    add_import_parser(rules_sub)
    return parser


def _date_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", metavar="YYYY-MM-DD",
                        help="the article's publication date: picks the version of a versioned site pack "
                             "(default: a date in the input's metadata, or the article's dateline)")


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", help="language of the input (default: detected)")
    parser.add_argument("--url", help="the article's URL (selects the site pack)")
    parser.add_argument("--rules", action="append", default=[], metavar="PATH", help="extra pack file or directory")


def _cleaner(args: argparse.Namespace) -> Cleaner:
    return Cleaner(Config(rules=tuple(args.rules)))


# -- clean -----------------------------------------------------------------------------

def _cmd_clean(args: argparse.Namespace) -> int:
    if getattr(args, "diff", False) or getattr(args, "dry_run", False):
        return _cmd_clean_review(args)
    from .batch import BatchOptions, ReadOptions, UsageError, limits_from_args, run_batch

    try:
        limits = limits_from_args(args)
    except UsageError as exc:
        print(f"cleaner clean: {exc}", file=sys.stderr)
        return EXIT_USAGE
    options = BatchOptions(
        inputs=args.inputs, output=args.output, format=args.format, jobs=args.jobs,
        input_format=args.input_format, url=args.url, lang=args.lang, config=Config(rules=tuple(args.rules), limits=limits),
        read=ReadOptions(text_field=args.text_field, url_field=args.url_field, id_field=args.id_field,
                         max_doc_bytes=args.max_doc_bytes),
        errors=args.errors, stats=args.stats, resume=args.resume, progress=args.progress, fsync=args.fsync)
    try:
        return run_batch(options).exit_code
    except UsageError as exc:
        print(f"cleaner clean: {exc}", file=sys.stderr)
        return EXIT_USAGE


CLEAN_EPILOG = """\
Every input document yields a cleaned output or an error record (file, line or offset,
reason) on stderr and in --errors FILE; one bad document never stops the run.
--resume after an interruption continues without duplicates or gaps: a tree run skips
documents whose .txt exists, a JSONL run goes on after the last complete record.

Exit codes: 0 every document cleaned, 1 some documents failed,
            2 usage or rule error, 130 interrupted.
"""


# -- explain ---------------------------------------------------------------------------

def _cmd_explain(args: argparse.Namespace) -> int:
    from .authoring.commands import explain

    return explain(args)


def _cmd_clean_review(args: argparse.Namespace) -> int:
    from .authoring.commands import clean_review

    return clean_review(args)


def _cmd_report(args: argparse.Namespace) -> int:
    from .authoring.commands import report

    return report(args)


# -- rules -----------------------------------------------------------------------------

def _rulebook(paths: list[str]):
    return Cleaner(Config(rules=tuple(paths))).rulebook


def _cmd_rules_list(args: argparse.Namespace) -> int:
    book = _rulebook(args.rules)
    for pack in book.packs:
        if args.pack and pack.name != args.pack:
            continue
        for rule in (*pack.rules, *pack.structure):
            if args.category and rule.category != args.category:
                continue
            kind = rule.action if isinstance(rule, Rule) else f"detector:{rule.detector}"
            print(f"{rule.id:22} {rule.category:11} {pack.name:22} {kind:22} {rule.name}")
    return EXIT_OK


def _cmd_rules_show(args: argparse.Namespace) -> int:
    rule = _rulebook(args.rules).find(args.rule_id)
    print(f"{rule.id}  {rule.name}")
    print(f"  category: {rule.category}")
    print(f"  pack:     {rule.pack}  ({rule.source})")
    if isinstance(rule, Rule):
        print(f"  match:    {rule.match.kind} {'(case-sensitive)' if rule.match.case_sensitive else '(case-insensitive)'}")
        for pattern in rule.match.patterns:
            print(f"            {pattern}")
        bounds = [f"region={rule.region}"] + [f"{k}={v}" for k, v in
                  (("min_words", rule.min_words), ("max_words", rule.max_words), ("max_chars", rule.max_chars)) if v]
        print(f"  where:    {' '.join(bounds)}")
        print(f"  action:   {rule.action}" + (f" until {rule.until}" if rule.until else ""))
        from .authoring.costs import prefilter_of

        print(f"  prefilter: {prefilter_of(rule).describe()}")
    elif isinstance(rule, StructureRule):
        print(f"  detector: {rule.detector}  params: {json.dumps(rule.params, ensure_ascii=False)}")
    print(f"  what:     {rule.doc.what}")
    print(f"  why:      {rule.doc.why}")
    if rule.doc.safety:
        print(f"  safety:   {rule.doc.safety}")
    ex = rule.examples
    for label, items in (("drops", ex.drop), ("keeps", ex.keep), ("known miss (drop)", ex.known_miss_drop),
                         ("known miss (keep)", ex.known_miss_keep)):
        for item in items:
            print(f"  {label}: {item!r}")
    for given, expected in ex.cases:
        print(f"  case:  {given!r}\n     -> {expected!r}")
    return EXIT_OK


def _cmd_rules_check(args: argparse.Namespace) -> int:
    from .authoring.check import check_paths
    from .engine.loader import shipped_rules_dir

    report = check_paths(args.paths or [shipped_rules_dir()])
    costly = _costly_rules(report.packs) if getattr(args, "costs", False) else None
    if getattr(args, "format", "text") == "json":
        data = report.to_dict()
        if costly is not None:
            data["costly"] = [{"rule_id": rule.id, "pack": rule.pack, "prefilter": found.kind,
                               "literals": list(found.literals)} for rule, found in costly]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for rule, found in costly or ():
            print(f"cost: {rule.id} ({rule.pack}): {found.describe()}")
        if costly:
            print(f"cost: {len(costly)} of {report.rule_count} rules are found by a translation of their pattern")
        print(report.render(), file=sys.stdout if report.ok else sys.stderr)
    return EXIT_OK if report.ok else EXIT_USAGE


def _costly_rules(packs: list[Pack]) -> list[tuple[Rule, Prefilter]]:
    from .authoring.costs import prefilter_of

    found = ((rule, prefilter_of(rule)) for pack in packs for rule in pack.rules)
    return [(rule, how) for rule, how in found if how.costly]


def _cmd_rules_test(args: argparse.Namespace) -> int:
    from .authoring.commands import rules_test

    return rules_test(args)


def _cmd_rules_stats(args: argparse.Namespace) -> int:
    from .authoring.commands import rules_stats

    return rules_stats(args)


def _cmd_rules_new(args: argparse.Namespace) -> int:
    from .authoring.commands import rules_new

    return rules_new(args)


def _cmd_rules_learn(args: argparse.Namespace) -> int:
    from .authoring.commands import rules_learn

    return rules_learn(args)
