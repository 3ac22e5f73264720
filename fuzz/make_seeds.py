#!/usr/bin/env python3
"""Writes raw seed inputs for the fuzz harnesses from testdata/, one folder per
harness under OUT (default build-fuzz/seeds). They are then minimised into
the committed corpora with libFuzzer's -merge=1:

    fuzz/make_seeds.py build-fuzz/seeds
    build-fuzz/fuzz/fuzz_json -merge=1 fuzz/corpus/json build-fuzz/seeds/json
"""
import hashlib
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TESTDATA = ROOT / "testdata"
MAX_FILE = 64 << 10


def write(folder, data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)


def load(path):
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    text = re.sub(r"^\s*//.*$", "", text, flags=re.M)  # the loader accepts comments, json does not
    try:
        return json.loads(text)
    except ValueError:
        return None


ADDRESS = re.compile(r"^[0-9a-fA-F:.]+(/[0-9]+)?$")

HOSTILE_EXPRESSIONS = [
    "concat(" * 140 + "'a'" + ")" * 140,
    "range(0, 100000)",
    "padLeft('a', 1000000000, 'x')",
    "length(range(9223372036854775807, 2))",
    "substring('abc', 1, 9223372036854775807)",
    "copyIndex(9223372036854775807)",
    "json('" + "[" * 5000 + "]" * 5000 + "')",
    "variables('self')",
    "variables('ping')",
    "ns.rec()",
    "reduce(range(0, 5000), createArray(), lambda('a', 'i', createArray(lambdaVariables('a'))))",
    "string(createArray(json('\"\\u00ff\"')))",
    "parameters('d')",
    "cidrSubnet('10.0.0.0/8', 32, 16777216)",
    "cidrHost('fd00::/8', 9223372036854775807)",
    "parseCidr('::/0')",
    "createObject('a', 1).a.b",
    "[0][0]" * 20,
    "replace(padLeft('', 16384, 'a'), 'a', padLeft('', 16384, 'b'))",
]


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build-fuzz" / "seeds")
    for path in sorted(TESTDATA.rglob("*")):
        if not path.is_file() or path.stat().st_size > MAX_FILE:
            continue
        data = path.read_bytes()
        suffix = path.suffix.lower()
        if suffix == ".toml":
            write(out / "config", data)
        if path.parent.name == "learned-routes" or suffix == ".csv":
            write(out / "learned_routes", data)
        if suffix not in (".json", ".jsonc"):
            continue
        write(out / "json", data)
        document = load(path)
        if document is None:
            continue
        if isinstance(document, dict) and "deploymentTemplate" in str(document.get("$schema", "")):
            write(out / "expression", data)
            write(out / "lint", data)
        for text in strings(document):
            if len(text) > 2 and text.startswith("[") and not text.startswith("[[") and text.endswith("]"):
                write(out / "expression", text[1:-1])
            if len(text) < 64 and ADDRESS.match(text) and any(c.isdigit() for c in text):
                write(out / "ip", text)
    for text in HOSTILE_EXPRESSIONS:
        write(out / "expression", text)
    for text in ["fd00::/8", "::ffff:10.1.2.3", "2001:db8::1/128", "0.0.0.0/0\n10.0.0.0/8\n10.1.0.0/16\n10.1.2.3",
                 "10.1.0.1/16", "fe80::1%eth0", "1.2.3.4/33", "::/0\n::1\nfd00::/7"]:
        write(out / "ip", text)


if __name__ == "__main__":
    main()
