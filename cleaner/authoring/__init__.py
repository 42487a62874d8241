"""Tools for the people who keep rule packs alive.

- `explain`: the input with every removed line marked by rule id and category (terminal,
  plain or JSON), for `cleaner explain` and `cleaner clean --diff`.
- `corpus` / `stats`: a dry run over many documents: hits and samples per rule, rules that
  never fired, documents that lost the most (`cleaner rules stats`).
- `report`: one self-contained HTML review report (`cleaner report`).
- `check`: every problem in every pack file, each with file:line, rule id, field and a fix.
- `scaffold`: a new rule with a fresh id and empty example slots (`cleaner rules new`).
- `learn`: a proposed site pack from the lines a site repeats on its pages (`cleaner rules learn`).
- `fixtures`: run the per-site regression fixtures packs carry (`cleaner rules test`).
- `dating`: which version of a site pack applies (the article's date, given or found).

This package sits beside the API: it imports the API and the engine, never the reverse.
"""
