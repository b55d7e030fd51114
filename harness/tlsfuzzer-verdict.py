#!/usr/bin/env python3
"""Judges one tlsfuzzer script's log (used by harness/tlsfuzzer).

    tlsfuzzer-verdict.py LOG DEVIATIONS_TSV SCRIPT ENGINE SECONDS

Prints one TSV row: script, engine, probes, passed, known deviations, unexplained failures, seconds.
A failing probe is a known deviation when a row of DEVIATIONS_TSV has this script, this engine (or *),
a probe pattern (fnmatch) that matches its name and an error pattern (regex) found in its error.
Exits 1, with each unexplained failure on standard error, when there is one or the log has no summary.
"""
import fnmatch
import re
import sys

log_file, deviations_file, script, engine, seconds = sys.argv[1:6]
text = open(log_file, errors="replace").read()

deviations = []
for line in open(deviations_file):
    if line.startswith("#") or not line.strip():
        continue
    parts = line.rstrip("\n").split("\t")
    if parts[0] == "script" or len(parts) < 5:
        continue
    if parts[0] == script and parts[1] in (engine, "*"):
        deviations.append((parts[2], re.compile(parts[3] or ".*")))

# Each probe's block: "NAME ...", then "OK" or an error report, up to the next blank line + "NAME ...".
errors = {}
blocks = re.split(r"\n(?=\S[^\n]* \.\.\.\n)", "\n" + text)
for block in blocks:
    head, _, body = block.strip("\n").partition(" ...\n")
    if "Error while processing" in body or "Error encountered" in body:
        lines = [l for l in body.splitlines() if l.strip()]
        message = next((l for l in reversed(lines) if re.match(r"^\w*(Error|Exception)\b", l)), lines[-1])
        errors[head] = message

summary = re.search(r"TOTAL: (\d+)\nSKIP: (\d+)\nPASS: (\d+)\nXFAIL: (\d+)\nFAIL: (\d+)\nXPASS: (\d+)", text)
if not summary:
    print(f"{script}\t{engine}\t?\t?\t?\tno summary\t{seconds}")
    print(f"harness/tlsfuzzer: {script} against the {engine} engine ended without a summary:", file=sys.stderr)
    print(text[-3000:], file=sys.stderr)
    sys.exit(1)
total, skipped, passed = int(summary.group(1)), int(summary.group(2)), int(summary.group(3))
failed_section = text[summary.end():]
failed_names = re.findall(r"^\t'(.*)'$", failed_section, re.M)

known, unexplained = 0, []
for name in failed_names:
    error = errors.get(name, "(no error report found)")
    if any(fnmatch.fnmatchcase(name, probe) and pattern.search(error) for probe, pattern in deviations):
        known += 1
    else:
        unexplained.append((name, error))
print(f"{script}\t{engine}\t{total}\t{passed}\t{known}\t{len(unexplained)}\t{seconds}")
for name, error in unexplained:
    print(f"harness/tlsfuzzer: {script} ({engine}): {name}: {error}", file=sys.stderr)
sys.exit(1 if unexplained or passed + known + skipped != total else 0)
