"""English is complete: every message of the catalogue is translated (none fuzzy), the compiled
catalogue matches it, and Python code shows no Chinese literal to users outside gettext.

Chinese stays the default language; the English catalogue is xingcun/locale/en/LC_MESSAGES.
Regenerate it with `cd xingcun && django-admin makemessages -l en --ignore "*/tests/*"
--ignore "static/*"`, translate, then `django-admin compilemessages`."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

from xingcun.indicators import messages as indicator_messages
from xingcun.indicators import units

ROOT = Path(__file__).resolve().parents[2]  # xingcun/
PO = ROOT / "locale/en/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")
CJK = re.compile(r"[\u4e00-\u9fff]")
GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
GETTEXT |= {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}

# Data, not messages: generated demo records, seed names, division names, migrations, tests, and
# unit symbols (keys of indicators.units, shown through units.label()).
DATA: tuple[str, ...] = ("/migrations/", "/tests/", "xingcun/demo/", "/demo.py")
DATA += (
    "xingcun/core/divisions.py",
    "xingcun/core/sheetnames.py",
    "xingcun/core/inputwords.py",
    "xingcun/core/divisionnames.py",
    "xingcun/indicators/units.py",
    "xingcun/indicators/messages.py",
)
# Syntax and typography of the Chinese work report, not messages: the template language's keywords
# ({{指标:代码}}, {{如果:…}}), the default report templates written in it (the district's own
# document, saved as its templates and edited there), heading numerals and GB/T 9704 font names.
# Seed rows (an app's defaults.py: starting rules, catalogues and schemes) are saved as the
# district's own data, in its language, and edited there.
DATA += ("/defaults.py",)
DATA += (
    "xingcun/reports/keywords.py",
    "xingcun/core/numerals.py",
    "xingcun/reports/fonts.py",
    "xingcun/reports/geometry.py",
)
TEMPORARY: tuple[str, ...] = ()  # issue 16: nothing left to wrap
# Seed rows left in place: the DEFAULT_* catalogues, schemes and rules that an app's
# *ensure_default* service saves as the district's own data (see /defaults.py above). The count
# may only go down: move them into the app's defaults.py, never add a message here.
REMAINING: dict[str, int] = {
    "xingcun/ecommerce/rules.py": 2,
    "xingcun/finance/services.py": 1,
    "xingcun/operators/services.py": 5,
    "xingcun/orders/services.py": 13,
    "xingcun/pairing/services.py": 8,
    "xingcun/posts/services.py": 20,
    "xingcun/ratings/services.py": 7,
    "xingcun/reports/models.py": 1,
    "xingcun/secretaries/services.py": 1,
    "xingcun/vanguard/services.py": 18,
    "xingcun/villages/rules.py": 2,
    "xingcun/wishes/services.py": 1,
}


def _entries():
    """The .po entries as dicts of msgctxt, msgid, msgid_plural, msgstr (every form), flags."""
    entries, current, field = [], None, ""
    for line in [*PO.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current is not None and current["msgid"]:
                entries.append(current)
            current, field = None, ""
            continue
        if current is None:
            current = {"msgctxt": "", "msgid": "", "msgid_plural": "", "msgstr": [], "flags": ""}
        if line.startswith("#,"):
            current["flags"] = line
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgctxt ", "msgid", "msgstr")):
            field, _, text = line.partition(" ")
            if field.startswith("msgstr"):
                current["msgstr"].append(ast.literal_eval(text))
            else:
                current[field] = ast.literal_eval(text)
        elif line.startswith('"'):
            if field.startswith("msgstr"):
                current["msgstr"][-1] += ast.literal_eval(line)
            else:
                current[field] += ast.literal_eval(line)
    return entries


def test_english_catalogue_translates_every_message():
    entries = _entries()
    assert len(entries) > 1400
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in str(e["flags"])]
    assert untranslated == []
    assert fuzzy == []


def test_english_translations_keep_their_placeholders():
    placeholder = re.compile(r"%\([a-z_0-9]+\)s|\{[a-z_]+\}")
    wrong = [
        e["msgid"]
        for e in entries_with_placeholders()
        for text in e["msgstr"]
        if sorted(set(placeholder.findall(str(text))))
        != sorted(set(placeholder.findall(str(e["msgid"]))))
    ]
    assert wrong == []


def entries_with_placeholders():
    return [e for e in _entries() if "%(" in str(e["msgid"]) or "{" in str(e["msgid"])]


def test_compiled_catalogue_matches_the_po_file():
    with MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)

    def compiled_text(entry):
        if entry["msgctxt"]:
            return compiled.pgettext(entry["msgctxt"], entry["msgid"])
        return compiled.gettext(entry["msgid"])

    stale = [
        e["msgid"]
        for e in _entries()
        if not e["msgid_plural"] and compiled_text(e) != e["msgstr"][0]
    ]
    assert stale == [], "run compilemessages"


def _in_example_row(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """The example row of an import template (`register(..., example=[...])`): sample data."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.keyword) and node.arg == "example":
            return True
    return False


def _literals(path: Path, allowed: set[str]) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {c: p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if not CJK.search(node.value) or node.value in allowed:
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Expr):  # a docstring or comment-like string
            continue
        if _in_example_row(node, parents):
            continue
        if isinstance(parent, ast.Call):
            func = parent.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in GETTEXT:
                continue
        found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} {node.value[:40]!r}")
    return found


def test_python_shows_no_chinese_literal_outside_gettext():
    # Indicator names and descriptions are data shown through gettext (engine.register).
    allowed = {str(m) for m in indicator_messages.MESSAGES} | set(units.UNITS)
    counts: dict[str, list[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        name = str(path.relative_to(ROOT.parent))
        if any(part in f"/{name}" for part in DATA + TEMPORARY):
            continue
        found = _literals(path, allowed)
        if found:
            counts[name] = found
    grown = {
        name: found[REMAINING.get(name, 0) :]
        for name, found in counts.items()
        if len(found) > REMAINING.get(name, 0)
    }
    shrunk = {n: len(counts.get(n, [])) for n, c in REMAINING.items() if len(counts.get(n, [])) < c}
    assert grown == {}, "wrap these in gettext (or add data files to DATA)"
    assert shrunk == {}, "fewer literals than REMAINING says: lower the counts"


# Chinese a template may show in every language: the language switch names Chinese in Chinese, and
# the template editor's examples are tags of the (Chinese) template language.
TEMPLATE_DATA = {"templates/base.html": 1, "templates/reports/template_edit.html": 7}


def _untranslated_template_lines(text: str) -> list[str]:
    text = re.sub(r"\{%\s*blocktranslate.*?endblocktranslate\s*%\}", "", text, flags=re.S)
    text = re.sub(r"\{%\s*(translate|trans)\s+(\"[^\"]*\"|'[^']*').*?%\}", "", text)
    text = re.sub(r"_\((\"[^\"]*\"|'[^']*')\)", "", text)  # {{ x|default:_("…") }}
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    return [line.strip() for line in text.splitlines() if CJK.search(line)]


def test_templates_show_no_chinese_outside_translate():
    found = {}
    for path in sorted(ROOT.glob("templates/**/*.html")):
        name = str(path.relative_to(ROOT))
        lines = _untranslated_template_lines(path.read_text(encoding="utf-8"))
        if len(lines) > TEMPLATE_DATA.get(name, 0):
            found[name] = lines
    assert found == {}
