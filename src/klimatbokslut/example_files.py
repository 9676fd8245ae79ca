"""The example data the tutorials use, shipped with the package, copied to where you work.

``klimatbokslut example --data DIR`` and :func:`copy_example_data` write three folders:

* ``region/``: the fictitious Region Exempelby (``aktiviteter.csv``, its configuration, holdings,
  a factor file of its own), used by *Getting started* and most how-to pages;
* ``export/``: a Swedish export as saved from Excel, with the mistakes a first run meets, and a
  workbook with the data on its second sheet, used by *From your Excel export*;
* ``data/``: travel, commuting, food, purchase, waste and holdings files of the scope-3 and
  capital pages.

Every amount in them is invented; the emission factors applied to them are the bundled, sourced ones.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from .errors import KlimatbokslutError
from .text import ntr, tr

#: Folder written under the destination -> (folder in the installed package, folder in a source checkout).
EXAMPLE_FOLDERS: dict[str, tuple[str, str]] = {
    "region": ("example_region", "region"),
    "export": ("example_export", "export"),
    "data": ("example_data", "data"),
}


def example_data_dir(name: str = "region") -> Path:
    """The folder of one set of example files inside the installation.

    Parameters
    ----------
    name : str
        ``"region"``, ``"export"`` or ``"data"`` (see the module's description).

    Returns
    -------
    pathlib.Path
        The folder, read-only in an installed package: copy it (:func:`copy_example_data`) before
        editing a file.

    Raises
    ------
    KlimatbokslutError
        If ``name`` is not one of the three, or the installation lacks the files.

    Examples
    --------
    >>> import klimatbokslut as kb
    >>> (kb.example_data_dir("region") / "aktiviteter.csv").is_file()
    True
    """
    if name not in EXAMPLE_FOLDERS:
        raise KlimatbokslutError(tr("en", "unknown example folder {name!r}; choose one of {choices}",
                                    name=name, choices=", ".join(EXAMPLE_FOLDERS)))
    packaged, checkout = EXAMPLE_FOLDERS[name]
    pkg = Path(str(resources.files("klimatbokslut"))) / packaged
    if pkg.is_dir():
        return pkg
    repo = Path(__file__).resolve().parents[2] / "examples" / checkout
    if repo.is_dir():
        return repo
    raise KlimatbokslutError(tr("en", "the bundled example files {name!r} are missing from the installation",
                                name=name))


def copy_example_data(dest: str | Path = ".", *, overwrite: bool = False) -> list[Path]:
    """Copy the example files into ``dest`` (folders ``region/``, ``export/`` and ``data/``).

    Parameters
    ----------
    dest : str or pathlib.Path, default "."
        The folder to write into; created if missing.
    overwrite : bool, default False
        Replace files that exist already. Without it an existing file is left as it is (your edits
        are kept) and is not in the returned list.

    Returns
    -------
    list of pathlib.Path
        The files written, in order.

    Examples
    --------
    >>> import tempfile, klimatbokslut as kb
    >>> where = tempfile.mkdtemp()
    >>> written = kb.copy_example_data(where)
    >>> sorted({p.relative_to(where).parts[0] for p in written})
    ['data', 'export', 'region']
    """
    dest = Path(dest)
    written: list[Path] = []
    for name in EXAMPLE_FOLDERS:
        source = example_data_dir(name)
        for path in sorted(source.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            target = dest / name / path.relative_to(source)
            if target.exists() and not overwrite:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.append(target)
    return written


def copy_command(dest: str, lang: str = "en") -> int:
    """``klimatbokslut example --data DIR``: copy the files and say where they went, in ``lang``."""
    written = copy_example_data(dest)
    for folder in EXAMPLE_FOLDERS:
        n = sum(1 for p in written if p.relative_to(dest).parts[0] == folder)
        print(ntr(lang, "{folder}: {n} file", "{folder}: {n} files", n, folder=str(Path(dest) / folder)))
    print(tr(lang, "the example files are in {dest}; existing files were kept", dest=str(Path(dest))))
    return 0
