"""A griffe extension that makes the package's numpydoc docstrings render in the mkdocs site.

The docstrings are written for Python readers and doctest: Sphinx roles (``:class:`Ledger```,
``:func:`~klimatbokslut.targets.evaluate```) and numpydoc citations (``.. [1] WRI/WBCSD ...``
under a ``References`` heading, cited as ``[1]_``). Markdown shows those as raw text. Here,
when griffe has loaded the package and before mkdocstrings renders it:

* a role becomes a link to the object when the reference documents it (an *optional* autorefs
  reference: it renders as code, without a warning, when the object is not on the site);
* each ``.. [n]`` citation under ``References`` (a section griffe shows as a box) becomes a
  numbered list item; ``[n]_`` becomes ``[n]``;
* a ``Parameters`` entry that names several parameters at once (``select, metric, unit``) gets
  each parameter's own type and default from the signature, not the first one's.

The docstrings in ``src/`` stay as they are (doctest and ``help()`` read them there).
"""

from __future__ import annotations

import html
import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:class|func|meth|mod|data|attr|exc|obj|const|func|py:\w+):`(~?)([^`]+)`")
CITATION = re.compile(r"^(\s*)\.\. \[(\d+)\]\s?(.*)$")
CITED = re.compile(r"\[(\d+)\]_")
SHARED_ENTRY = re.compile(r"^\s*\w+(?:, \w+)+\s*$", re.M)     # "    select, metric, unit" (no type)


def _candidates(obj: griffe.Object, target: str) -> list[str]:
    target = target.strip().rstrip("()")
    if target.startswith("."):                       # relative to the module (":mod:`.run`")
        module = obj if obj.is_module else obj.module
        return [module.path + target]
    if target.startswith("klimatbokslut"):
        return [target]
    out = []
    scope: griffe.Object | None = obj
    while scope is not None:                         # the object's class, module, package, ...
        out.append(f"{scope.path}.{target}")
        scope = scope.parent
    return out


def _lookup(pkg: griffe.Module, path: str) -> str | None:
    """The canonical path of ``path`` when the package has it."""
    rel = path[len(pkg.path):].lstrip(".")
    try:
        found = pkg[rel] if rel else pkg
    except Exception:
        return None
    if isinstance(found, griffe.Alias):
        try:
            return found.final_target.path
        except Exception:
            return found.target_path
    return found.path


def convert_text(text: str, obj: griffe.Object, pkg: griffe.Module) -> str:
    """``text`` with roles as autorefs and citations as a list."""

    def role(m: re.Match) -> str:
        short, target = m.group(1), m.group(2)
        shown = target.lstrip(".")
        if short:
            shown = shown.rsplit(".", 1)[-1]
        title = f"<code>{html.escape(shown)}</code>"
        for cand in _candidates(obj, target):
            path = _lookup(pkg, cand)
            if path:
                return f'<autoref identifier="{path}" optional>{title}</autoref>'
        return f"`{shown}`"

    text = ROLE.sub(role, text)
    lines = []
    for line in text.split("\n"):
        m = CITATION.match(line)
        lines.append(f"{m.group(1)}{m.group(2)}. {m.group(3)}" if m else line)
    return CITED.sub(r"\\[\1\\]", "\n".join(lines))


def _fix_parameters(sections: list, obj: griffe.Object) -> None:
    """Each documented parameter's type and default from the signature."""
    params = getattr(obj, "parameters", None)
    if params is None:
        return
    by_name = {p.name: p for p in params}
    shared = {n.strip() for m in SHARED_ENTRY.finditer(obj.docstring.value if obj.docstring else "")
              for n in m.group(0).split(",")}
    for section in sections:
        if section.kind is not griffe.DocstringSectionKind.parameters:
            continue
        for item in section.value:
            p = by_name.get(item.name)
            if p is None or item.name not in shared:      # a typed entry keeps the docstring's words
                continue
            item.annotation = p.annotation
            item.value = p.default


class _SignatureTypedDocstring(griffe.Docstring):
    """A docstring whose parameters take their types and defaults from the signature when parsed
    (at render time, after griffe's dataclass support has made a dataclass's ``__init__``)."""

    def parse(self, parser=None, **options):
        sections = super().parse(parser, **options)
        if self.parent is not None:
            _fix_parameters(sections, self.parent)
        return sections


class NumpydocForMkdocs(griffe.Extension):
    """Registered in mkdocs.yml (``extensions`` of the python handler)."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        self._walk(pkg, pkg, set())

    def _walk(self, obj: griffe.Object, pkg: griffe.Module, seen: set[str]) -> None:
        if obj.path in seen:
            return
        seen.add(obj.path)
        if obj.docstring is not None:
            obj.docstring.value = convert_text(obj.docstring.value, obj, pkg)
            if (obj.is_class or obj.is_function) and SHARED_ENTRY.search(obj.docstring.value):
                obj.docstring.__class__ = _SignatureTypedDocstring
        for member in obj.members.values():
            if isinstance(member, griffe.Alias):
                continue
            self._walk(member, pkg, seen)
