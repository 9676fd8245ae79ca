"""The built docs site: it renders (no raw Sphinx roles or citation markers), it works offline (no
asset from a CDN), it shows the version, and its reference documents every public name once.

The site is built once for the module with ``mkdocs build --strict`` (the same command as CI)
into a temporary folder; the docs extras (mkdocs, mkdocstrings, Material, the i18n plugin) are in
the test extras so this never skips.
"""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import klimatbokslut as kb
from klimatbokslut.ledger import LEDGER_COLUMNS
from klimatbokslut.ledger.column_docs import LEDGER_COLUMN_DOCS

ROOT = Path(__file__).resolve().parents[1]
RAW_ROLE = re.compile(r":(?:class|func|meth|mod|data|attr|exc|obj):`")
CITATION = re.compile(r"\.\. \[\d+\]|\[\d+\]_")
#: An asset the browser fetches: script, stylesheet, image, font, icon.
ASSET = re.compile(r"<(?:script|img|source|iframe)\b[^>]*\bsrc=\"([^\"]+)\"|<link\b[^>]*\bhref=\"([^\"]+)\"", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env={**__import__("os").environ,
                                                                          "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, f"mkdocs build --strict failed (pip install '.[docs]'):\n{proc.stderr[-4000:]}"
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_raw_roles_or_citation_markers(site):
    found = []
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        for rx in (RAW_ROLE, CITATION):
            for m in rx.finditer(text):
                found.append(f"{page.relative_to(site)}: {text[max(0, m.start() - 60):m.end() + 40]!r}")
    assert not found, f"{len(found)} raw markers, e.g.\n" + "\n".join(found[:10])


def test_no_asset_from_another_host(site):
    remote = []
    for page in _pages(site):
        for m in ASSET.finditer(page.read_text(encoding="utf-8")):
            tag, url = m.group(0), m.group(1) or m.group(2)
            if re.match(r"(?:https?:)?//", url) and ("<link" not in tag.lower() or "stylesheet" in tag.lower()
                                                     or "icon" in tag.lower() or "preload" in tag.lower()
                                                     or "preconnect" in tag.lower()):
                remote.append(f"{page.relative_to(site)}: {tag}")
    for css in site.rglob("*.css"):
        remote += [f"{css.relative_to(site)}: {u}" for u in CSS_URL.findall(css.read_text(encoding="utf-8"))]
    assert not remote, "assets from another host:\n" + "\n".join(sorted(set(remote))[:20])


def test_the_check_sees_a_cdn_script():
    page = '<script src="https://cdnjs.cloudflare.com/ajax/libs/highlight.js/11.8.0/highlight.min.js"></script>'
    assert ASSET.search(page).group(1).startswith("https://")
    assert RAW_ROLE.search("see :class:`InputError`") and CITATION.search(".. [1] WRI/WBCSD")


def test_the_site_shows_the_version(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert f"klimatbokslut {kb.__version__}" in html
    changelog = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    assert "Keep a Changelog" in changelog and "Unreleased" in changelog


def test_the_home_page_links_the_help_pages():
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    for page in ("getting-started.md", "from-excel.md", "glossary.md", "troubleshooting.md", "factor-update.md",
                 "changelog.md"):
        assert f"({page}" in home, page
        assert (ROOT / "docs" / page).is_file(), page


def test_swedish_tutorials_are_built(site):
    for page, title in (("getting-started", "Kom igång"), ("from-excel", "Från Excel-exporten till klimatbokslutet")):
        html = (site / "sv" / page / "index.html").read_text(encoding="utf-8")
        assert 'lang="sv"' in html and "<h1 id=" in html and title in html
        # The language switch of the English page leads to the Swedish one.
        english = (site / page / "index.html").read_text(encoding="utf-8")
        assert f'href="../sv/{page}/" hreflang="sv"' in english


def _inventory(site: Path) -> list[tuple[str, str, int]]:
    """(name, role, priority) of every object in the site's objects.inv (priority 1: rendered there)."""
    raw = (site / "objects.inv").read_bytes()
    body = zlib.decompress(raw.split(b"\n", 4)[4]).decode("utf-8")
    out = []
    for line in body.splitlines():
        m = re.match(r"(\S+) (py:\w+) (-?\d+) ", line)
        if m:
            out.append((m.group(1), m.group(2), int(m.group(3))))
    return out


def _resolve(path: str):
    parts = path.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        try:
            for p in parts[i:]:
                obj = getattr(obj, p)
        except AttributeError:
            return None
        return obj
    return None


def public_names() -> dict[str, object]:
    """``klimatbokslut.__all__`` and the ``__all__`` of its public modules (their public functions and
    classes when they have none), by dotted path."""
    names: dict[str, object] = {}
    for name in kb.__all__:
        if name in ("__version__", "ureg"):        # a string and the unit registry instance: described in prose
            continue
        obj = getattr(kb, name)
        if inspect.ismodule(obj):
            members = getattr(obj, "__all__", None) or [
                n for n, v in vars(obj).items()
                if not n.startswith("_") and (inspect.isfunction(v) or inspect.isclass(v))
                and getattr(v, "__module__", "") == obj.__name__]
            names.update({f"{obj.__name__}.{m}": getattr(obj, m) for m in members})
        else:
            names[f"klimatbokslut.{name}"] = obj
    return names


def test_every_public_name_is_in_the_reference(site):
    rendered = {n for n, role, prio in _inventory(site) if prio == 1}
    objects = [_resolve(n) for n in rendered]
    missing = []
    for path, obj in public_names().items():
        if path in rendered:
            continue
        if (inspect.isclass(obj) or inspect.isfunction(obj) or callable(obj)) and any(o is obj for o in objects):
            continue
        missing.append(path)
    assert not missing, "public names not in docs/api.md (add a ::: line): " + ", ".join(sorted(missing))


def test_each_object_is_documented_once(site):
    seen: dict[int, list[str]] = {}
    for name, role, prio in _inventory(site):
        if prio != 1 or role not in ("py:class", "py:function"):
            continue
        obj = _resolve(name)
        if obj is not None:
            seen.setdefault(id(obj), []).append(name)
    twice = [sorted(set(v)) for v in seen.values() if len(set(v)) > 1]
    assert not twice, "documented more than once: " + "; ".join(" and ".join(v) for v in twice)


def test_the_ledger_column_table_covers_every_column():
    # The docs' table (docs/ledger-columns.md, filled by tools/mkdocs_hooks.py) is generated from this.
    assert list(LEDGER_COLUMN_DOCS) == LEDGER_COLUMNS
    for col, (unit, meaning) in LEDGER_COLUMN_DOCS.items():
        assert meaning and unit, col
        if col.endswith("_kg"):
            assert unit.startswith("kg"), col


def test_the_ledger_column_table_is_on_the_site(site):
    html = (site / "ledger-columns" / "index.html").read_text(encoding="utf-8")
    for col in LEDGER_COLUMNS:
        assert f"<code>{col}</code>" in html, col


def test_the_glossary_words_are_words_the_library_prints():
    # Each Swedish entry of the glossary's first table is a word of the Swedish catalog.
    po = (ROOT / "src" / "klimatbokslut" / "text" / "locale" / "sv" / "LC_MESSAGES" / "klimatbokslut.po")
    catalog = po.read_text(encoding="utf-8").lower()
    page = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    table = page.split("## In the command line's output", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1].strip() for line in table.splitlines() if line.startswith("| ")][1:]
    assert len(rows) >= 15
    missing = [w for row in rows for w in row.replace("…", "").split(" / ") if w.strip().lower() not in catalog]
    assert not missing, missing


def _docstring_gaps(name: str, func) -> list[str]:
    doc = inspect.getdoc(func) or ""
    params = [p for p in inspect.signature(func).parameters if p not in ("self", "cls")]
    gaps = []
    if params and "Parameters\n---" not in doc:
        gaps.append("Parameters")
    if "Returns\n---" not in doc and "Yields\n---" not in doc and inspect.signature(func).return_annotation not in (
            None, "None"):
        gaps.append("Returns")
    if "Examples\n---" not in doc:
        gaps.append("Examples")
    if re.search(r">>> .*(?<![\w.])_[a-z]\w*\(", doc):
        gaps.append("an example calls a private helper")
    return [f"{name}: {g}" for g in gaps]


def test_public_functions_document_parameters_returns_and_an_example():
    gaps = []
    for name in kb.__all__:
        obj = getattr(kb, name)
        if inspect.isfunction(obj) or hasattr(obj, "__wrapped__"):
            gaps += _docstring_gaps(name, obj)
    for cls in (kb.Ledger, kb.FactorSet):
        for name, member in vars(cls).items():
            if not name.startswith("_") and inspect.isfunction(member):
                gaps += _docstring_gaps(f"{cls.__name__}.{name}", member)
    assert not gaps, gaps
