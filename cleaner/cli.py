"""Command line: a thin layer over the API. Exit codes: 0 ok, 1 some input failed, 2 usage or rule error."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import __version__
from .api import Cleaner, Config
from .batch import STDIN, read_text_file
from .engine.examples import iter_checks, run_check
from .engine.model import Rule, StructureRule
from .errors import CleanerError, RuleError

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
    _common_options(clean)
    clean.set_defaults(run=_cmd_clean)

    explain = sub.add_parser("explain", help="show each removed line with rule id and category")
    explain.add_argument("input", metavar="INPUT")
    explain.add_argument("--format", choices=["text", "json"], default="text")
    _common_options(explain)
    explain.set_defaults(run=_cmd_explain)

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
    check.set_defaults(run=_cmd_rules_check)
    test = rules_sub.add_parser("test", help="run every rule's examples")
    test.add_argument("packs", nargs="*", metavar="PACK", help="pack names or files (default: all)")
    test.add_argument("--rules", action="append", default=[], metavar="PATH")
    test.set_defaults(run=_cmd_rules_test)
    return parser


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", help="language of the input (default: detected)")
    parser.add_argument("--url", help="the article's URL (selects the site pack)")
    parser.add_argument("--rules", action="append", default=[], metavar="PATH", help="extra pack file or directory")


def _cleaner(args: argparse.Namespace) -> Cleaner:
    return Cleaner(Config(rules=tuple(args.rules)))


# -- clean -----------------------------------------------------------------------------

def _cmd_clean(args: argparse.Namespace) -> int:
    from .batch import BatchOptions, ReadOptions, UsageError, run_batch

    options = BatchOptions(
        inputs=args.inputs, output=args.output, format=args.format, jobs=args.jobs,
        input_format=args.input_format, url=args.url, lang=args.lang, config=Config(rules=tuple(args.rules)),
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
    cleaner = _cleaner(args)
    text = sys.stdin.read() if args.input == STDIN else read_text_file(args.input)
    result = cleaner.clean_and_explain(text, url=args.url, lang=args.lang)
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"# lang={result.lang} site={result.site} title={result.title!r} date={result.date}")
    marks = {}
    for r in result.removals:
        for i in range(r.start, r.end):
            marks.setdefault(i, r)
    for i, line in enumerate(text.replace("\r\n", "\n").split("\n")):
        r = marks.get(i)
        if r is None:
            print(f"{i + 1:5}   {line}")
        elif r.span is not None:
            print(f"{i + 1:5} ~ {line}    [{r.rule_id} {r.category}: cut {r.text!r}]")
        elif line.strip():
            print(f"{i + 1:5} - {line}    [{r.rule_id} {r.category}]")
        else:
            print(f"{i + 1:5}")
    return EXIT_OK


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
    if getattr(args, "format", "text") == "json":
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.render(), file=sys.stdout if report.ok else sys.stderr)
    return EXIT_OK if report.ok else EXIT_USAGE


def _cmd_rules_test(args: argparse.Namespace) -> int:
    cleaner = _cleaner(args)
    wanted = set(args.packs)
    rules = [r for p in cleaner.rulebook.packs if not wanted or p.name in wanted or p.file in wanted
             for r in (*p.rules, *p.structure)]
    passed = failed = 0
    for check in iter_checks(rules):
        ok, why = run_check(check, cleaner.clean)
        if ok != check.known_miss:
            passed += 1
        else:
            failed += 1
            state = "unexpectedly passes (remove it from known_misses)" if check.known_miss else why
            print(f"FAIL {check.label}: {state}")
    print(f"{passed} passed, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK
