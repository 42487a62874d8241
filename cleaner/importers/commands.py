"""`cleaner rules import ftr|adblock ...`: run an importer, print its messages and summary."""

from __future__ import annotations

import argparse
import sys
import time

from .report import ImportReport

__all__ = ["add_import_parser", "run_import"]

# The directives the acceptance ratio is about: where the article is and what to strip.
FTR_CORE = ("body", "strip", "strip_id_or_class")


def add_import_parser(rules_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    imp = rules_sub.add_parser("import", help="convert FiveFilters site configs or adblock element-hiding rules "
                                              "into packs")
    kinds = imp.add_subparsers(metavar="FORMAT", dest="import_format")
    ftr = kinds.add_parser("ftr", help="FiveFilters site-config files (example.com.txt) or directories of them")
    ftr.add_argument("paths", nargs="+", metavar="PATH")
    ftr.add_argument("--id-or-class", choices=["token", "substring"], default="token",
                     help="strip_id_or_class matches whole class tokens and ids (token, default) or, as "
                          "FiveFilters does, any class or id containing the string (substring)")
    adblock = kinds.add_parser("adblock", help="element-hiding rules of an adblock filter list (your own copy; "
                                               "lists are not shipped)")
    adblock.add_argument("paths", nargs="+", metavar="FILE")
    for sub in (ftr, adblock):
        sub.add_argument("-o", "--output", required=True, metavar="DIR", help="directory for the packs")
        sub.add_argument("-q", "--quiet", action="store_true", help="print only errors and the summary")
        sub.set_defaults(run=run_import)


def run_import(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.import_format == "ftr":
        from .ftr import import_ftr

        report = import_ftr(args.paths, args.output, id_or_class=args.id_or_class)
    else:
        from .adblock import import_adblock

        report = import_adblock(args.paths, args.output)
    elapsed = time.perf_counter() - started
    _print(report, args.quiet)
    print(f"cleaner: {report.format}: {report.files} files -> {len(report.packs)} packs in {args.output} "
          f"({elapsed:.1f} s)", file=sys.stderr)
    if report.format == "ftr":
        done, total = report.share_converted(FTR_CORE)
        share = 100.0 * done / total if total else 100.0
        print(f"cleaner: body/strip/strip_id_or_class: {done} of {total} converted ({share:.1f}%)", file=sys.stderr)
    if report.errors:
        print(f"cleaner: {len(report.errors)} lines with errors were not imported (listed above); the rest was "
              "written", file=sys.stderr)
        return 1
    return 0


def _print(report: ImportReport, quiet: bool) -> None:
    for message in report.messages:
        if not quiet or message.status == "error":
            print(message, file=sys.stderr)
    for note in report.notes:
        print(f"cleaner: {note}", file=sys.stderr)
    print(report.summary())
