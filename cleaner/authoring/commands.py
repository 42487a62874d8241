"""What the authoring commands of the CLI do; cleaner/cli.py only parses their flags.

explain, clean --diff / --dry-run, report, rules stats | new | learn | test.
Exit codes as in the CLI: 0 ok, 1 some input failed (or a test failed), 2 usage or rule error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..api import Cleaner, Config, shared_cleaner
from ..batch import read_text_file
from ..engine.examples import iter_checks, run_check
from ..engine.loader import shipped_rules_dir
from ..errors import CleanerError
from .corpus import Failures, clean_corpus, iter_documents, source_text
from .dating import clean_dated, parse_date
from .explain import explain_data, render_explain
from .palette import use_color

__all__ = ["explain", "clean_review", "report", "rules_stats", "rules_new", "rules_learn", "rules_test"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _cleaner(args: argparse.Namespace) -> Cleaner:
    return _shared(tuple(getattr(args, "rules", None) or ()))


def _shared(rules: tuple[str, ...]) -> Cleaner:
    """One compiled Cleaner per set of pack files (and their sizes and mtimes) per process:
    a command compiles once; many commands in one process (tests, notebooks) reuse it."""
    return shared_cleaner(Config(rules=rules))


def _date(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    given = getattr(args, "date", None)
    if not given:
        return None
    day = parse_date(given)
    if day is None:
        raise CleanerError(f"--date {given!r} is not a date; write it as YYYY-MM-DD")
    return day


# -- explain and diff --------------------------------------------------------------------------

def explain(args: argparse.Namespace) -> int:
    cleaner = _cleaner(args)
    text = sys.stdin.read() if args.input == "-" else read_text_file(args.input)
    dated = clean_dated(cleaner, text, url=args.url, lang=args.lang, published=_date(args))
    result = dated.result
    text = source_text(text, result)  # HTML input: the page as the lines the removals refer to
    packs = list(cleaner.rulebook.select(result.lang, result.site, dated.day).packs)
    if args.format == "json":
        data = explain_data(text, result, source=args.input, url=args.url, packs=packs, date_source=dated.source)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_explain(text, result, color=use_color(sys.stdout, args.color), context=args.context,
                             source=None if args.input == "-" else args.input, packs=packs))
    return EXIT_OK


def clean_review(args: argparse.Namespace) -> int:
    """`cleaner clean --diff` (annotated inputs) and `cleaner clean --dry-run` (stats); writes nothing."""
    if getattr(args, "output", None):
        print("cleaner clean: --diff and --dry-run write nothing; -o is ignored", file=sys.stderr)
    cleaner = _cleaner(args)
    failures = Failures()
    docs = iter_documents(args.inputs, url=args.url, text_field=getattr(args, "text_field", "text"),
                          url_field=getattr(args, "url_field", "url"), failures=failures)
    cleaned = clean_corpus(cleaner, docs, lang=args.lang, published=_date(args), failures=failures)
    as_json = getattr(args, "format", "text") == "jsonl"
    if getattr(args, "dry_run", False) and not getattr(args, "diff", False):
        from .stats import collect_stats

        stats = collect_stats(cleaner, cleaned)
        print(json.dumps(stats.to_dict(), ensure_ascii=False) if as_json else stats.render_text())
        return EXIT_FAILED if failures.items else EXIT_OK
    color = use_color(sys.stdout, getattr(args, "color", "auto"))
    first = True
    for item in cleaned:
        if as_json:
            print(json.dumps(explain_data(item.text, item.result, source=item.doc.source, url=item.doc.url,
                                          packs=item.packs, date_source=item.date_source), ensure_ascii=False))
            continue
        if not first:
            print()
        first = False
        print(render_explain(item.text, item.result, color=color, source=item.doc.source or item.doc.id,
                             packs=item.packs))
    return EXIT_FAILED if failures.items else EXIT_OK


# -- corpus tools -----------------------------------------------------------------------------

def report(args: argparse.Namespace) -> int:
    from .report import write_report

    cleaner = _cleaner(args)
    failures = Failures()
    docs = iter_documents(args.inputs, url=args.url, failures=failures)
    builder = write_report(cleaner, clean_corpus(cleaner, docs, lang=args.lang, published=_date(args),
                                                 failures=failures), args.output, title=args.title)
    s = builder.stats
    print(f"cleaner: wrote {args.output}: {s.documents} documents, {len(s.rules)} rules fired, "
          f"{len(s.never_fired())} never fired" + (f", {len(failures.items)} inputs failed" if failures.items else ""),
          file=sys.stderr)
    return EXIT_FAILED if failures.items else EXIT_OK


def rules_stats(args: argparse.Namespace) -> int:
    from .stats import collect_stats

    cleaner = _cleaner(args)
    failures = Failures()
    docs = iter_documents(args.inputs, url=args.url, failures=failures)
    stats = collect_stats(cleaner, clean_corpus(cleaner, docs, lang=args.lang, published=_date(args),
                                                failures=failures), samples=args.samples, top=args.top)
    if args.format == "json":
        print(json.dumps(stats.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(stats.render_text())
    return EXIT_FAILED if failures.items else EXIT_OK


# -- rule authoring -----------------------------------------------------------------------------

def rules_new(args: argparse.Namespace) -> int:
    from .scaffold import append_rule, fresh_id, known_ids, scaffold_rule

    target = Path(args.append) if args.append else None
    pack = args.pack
    if target is not None and target.exists() and not pack:
        import yaml

        try:
            pack = (yaml.safe_load(target.read_text(encoding="utf-8")) or {}).get("pack")
        except yaml.YAMLError as exc:
            raise CleanerError(f"{target}: not valid YAML ({exc}); fix it first") from exc
    if not pack:
        raise CleanerError("say which pack the rule belongs to: --pack NAME (e.g. sites/example.com), "
                           "or --append FILE of an existing pack")
    paths: list[str | Path] = [shipped_rules_dir(), *(args.rules or [])]
    if target is not None and target.exists():
        paths.append(target)
    ids = known_ids(paths)
    rule_id = fresh_id(ids, pack, args.category)
    scaffold = scaffold_rule(rule_id, args.category, name=args.name or "", match_kind=args.kind,
                             pattern=args.match or "", action=args.action, region=args.region,
                             what=args.what or "", why=args.why or "")
    if target is None:
        sys.stdout.write(scaffold.text)
        print(f"cleaner: new rule {rule_id} for pack {pack}: fill in name, match, doc and examples, then "
              "`cleaner rules check FILE`", file=sys.stderr)
        return EXIT_OK
    hosts = [pack.split("/", 1)[1]] if pack.startswith("sites/") else None
    append_rule(target, scaffold, pack=pack, hosts=hosts, lang=args.lang)
    print(f"cleaner: added {rule_id} to {target}: fill in name, match, doc and examples; "
          f"`cleaner rules check {target}` says what is still missing", file=sys.stderr)
    print(rule_id)
    return EXIT_OK


def rules_learn(args: argparse.Namespace) -> int:
    from .learn import LearnOptions, learn_site

    failures = Failures()
    pages = [(doc.id, _page_lines(doc.text, args.site)) for doc in iter_documents(args.pages, failures=failures)]
    if len(pages) < 3:
        raise CleanerError(f"rules learn needs at least 3 pages of the site, got {len(pages)}")
    options = LearnOptions(min_support=args.min_support, min_share=args.min_share)
    result = learn_site(pages, args.site, lang=args.lang, options=options)
    if args.output and args.output != "-":
        target = Path(args.output)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(result.yaml, encoding="utf-8")
    else:
        sys.stdout.write(result.yaml)
    print(f"cleaner: {len(result.rules)} rules proposed for {result.host} from {result.pages} pages "
          f"(support >= {result.min_support} pages); {len(result.rejected)} frequent lines not proposed"
          + (f"; written to {args.output}" if args.output and args.output != "-" else ""), file=sys.stderr)
    if args.verbose:
        for line, why in result.rejected:
            print(f"  not proposed: {line[:80]!r}: {why}", file=sys.stderr)
    return EXIT_FAILED if failures.items else EXIT_OK


_page_cleaner: Cleaner | None = None


def _page_lines(text: str, site: str) -> str:
    """A page as lines: text as given; HTML laid out as the blocks the text rules see."""
    global _page_cleaner
    try:
        from ..html import looks_like_html
    except ImportError:  # pragma: no cover - HTML support not installed
        return text
    if not looks_like_html(text):
        return text
    _page_cleaner = _page_cleaner or _shared(())
    url = site if "://" in site else f"https://{site}/"
    return source_text(text, _page_cleaner.clean_and_explain(text, url=url))


def rules_test(args: argparse.Namespace) -> int:
    """Every rule's examples, then every site pack's fixtures (offline)."""
    from .fixtures import run_fixtures

    extra = list(args.rules or [])
    for given in args.packs:
        if Path(given).is_file() and given not in extra:
            extra.append(given)  # `cleaner rules test rules/sites/new.yaml` loads that file
    cleaner = _shared(tuple(extra))
    wanted = set(args.packs)
    resolved = {str(Path(p).resolve()) for p in args.packs if Path(p).exists()}
    packs = [p for p in cleaner.rulebook.packs
             if not wanted or p.name in wanted or p.file in wanted or str(Path(p.file).resolve()) in resolved]
    if wanted and not packs:
        raise CleanerError(f"no pack named {', '.join(sorted(wanted))}; `cleaner rules list` shows the packs")
    rules = [r for p in packs for r in (*p.rules, *p.structure)]
    passed = failed = skipped = 0
    for check in iter_checks(rules):
        ok, why = run_check(check, cleaner.clean)
        if ok != check.known_miss:
            passed += 1
        else:
            failed += 1
            state = "unexpectedly passes (remove it from known_misses)" if check.known_miss else why
            print(f"FAIL {check.label}: {state}")
    for outcome in run_fixtures(cleaner, packs):
        if outcome.status == "pass":
            passed += 1
        elif outcome.status == "skip":
            skipped += 1
            print(f"SKIP {outcome.label}: {outcome.why}")
        else:
            failed += 1
            print(f"FAIL {outcome.label}: {outcome.why}")
    print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return EXIT_FAILED if failed else EXIT_OK

