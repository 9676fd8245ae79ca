"""Emission factors: the row model, the dataset, its integrity and its selection rules.

A :class:`FactorSet` holds three tables read from a folder in the bundled format
(``emission_factors/`` in this repository, shipped inside the wheel):

* factor rows (one CSV per domain): ``factor_id, activity, region, valid_from,
  valid_to, value, unit, gas, boundary, gwp, method, instrument, source_id,
  derived, note``;
* ``fuel_properties.csv``: heating values and densities that let an amount be
  given in l, m3, kg, Nm3, kWh or MJ;
* ``sources.csv``: publisher, title, edition, year, URL, licence of each source;

and ``manifest.json`` with the dataset version and the sha256 of every file,
checked on load: a changed file is an error, not a warning.

Each factor row says which years its figure describes: ``valid_from``..``valid_to``
(one year for a yearly figure, a period for a published average, a wide range for a
constant such as "all purchased gas is released"), and ``edition``, the year of the
figure (empty for a constant).

Selection rules (used by the engine, once per distinct activity/year/region/contract):

1. rows of the activity, region (case-insensitive) and instrument; a ``factor_id``
   chosen on the row picks its rows instead, for the scope-2 method its rows belong
   to (the other method follows its own rule);
2. user rows replace the bundled rows of the same key **only for the years they
   cover**; other years keep the bundled figures;
3. the rows whose years cover the activity year (the narrowest period when several
   do); else the **nearest edition** (the earlier one on a tie), and the ledger's
   ``factor_year`` says which year that figure describes and flags
   ``fallback_year``; user rows are never used for years they do not cover.

Examples
--------
>>> import klimatbokslut as kb
>>> fs = kb.default_factors()
>>> fs.version
'2026.1'
>>> sel = fs.select("diesel", 2024)
>>> sorted(sel.rows["boundary"].unique())
['TTW', 'WTT']
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

import pandas as pd

from .errors import DatasetIntegrityError, FactorNotFoundError, InputError
from .factor_schema import (  # noqa: F401  (re-exported: the format is part of factors' API)
    BOUNDARIES,
    DATA_FILES_NOT_FACTORS,
    FACTOR_COLUMNS,
    NUMERIC_PROPERTIES,
    NUMERIC_SHARES,
    PROPERTY_COLUMNS,
    REQUIRED_FACTOR_COLUMNS,
    SHARE_COLUMNS,
    SOURCE_COLUMNS,
    UNSOURCED,
    Boundary,
    EmissionFactor,
    Source,
)
from .pedigree import UNCERTAINTY_COLUMNS, uncertainty_problems


@dataclass(frozen=True)
class Selection:
    """The factor rows chosen for one activity, year, region and instrument.

    Attributes
    ----------
    records : list of dict
        The chosen factor rows.
    factor_year : int
        The year the chosen figure describes: the activity year when the rows cover
        it, else the nearest year of the edition used.
    fallback : bool
        True when no row covers the year and the nearest edition was used.
    """

    records: list
    factor_year: int
    fallback: bool

    @property
    def rows(self) -> pd.DataFrame:
        """The chosen rows as a DataFrame."""
        return pd.DataFrame(self.records, columns=FACTOR_COLUMNS + ["file", "user"])


def _bundled_dir() -> Path:
    pkg = resources.files("klimatbokslut")
    candidate = Path(str(pkg)) / "emission_factors"
    if candidate.is_dir():
        return candidate
    # Running from a source checkout (src/ layout, not installed): the repository's folder.
    repo = Path(__file__).resolve().parents[2] / "emission_factors"
    if repo.is_dir():
        return repo
    raise DatasetIntegrityError("the bundled emission_factors folder is missing from the installation")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


class FactorSet:
    """A pinned, verified set of emission factors with their sources.

    Use :func:`default_factors` for the bundled set and :meth:`from_path` for a
    folder in the same format; extend either with :meth:`with_factors`.

    Attributes
    ----------
    factors : pandas.DataFrame
        All factor rows, plus ``file`` (where each came from) and ``user`` (True for
        rows added with :meth:`with_factors`).
    properties : pandas.DataFrame
        Fuel and gas properties, one row per activity.
    shares : pandas.DataFrame
        Shares of an activity's energy per region and year (:data:`SHARE_COLUMNS`): a
        pump blend's renewable part, a district-heating network's supply mix.
    sources : pandas.DataFrame
        Source records.
    version : str
        Dataset version from the manifest (``+user`` when user rows were added).
    checksums : dict
        sha256 of every file read.
    """

    def __init__(self, factors: pd.DataFrame, properties: pd.DataFrame, sources: pd.DataFrame, *,
                 version: str, name: str = "", checksums: dict[str, str] | None = None,
                 shares: pd.DataFrame | None = None):
        self.factors = factors.reset_index(drop=True)
        self.shares = _coerce_shares(shares if shares is not None else pd.DataFrame(columns=SHARE_COLUMNS))
        self.properties = properties.set_index("activity", drop=False)
        self.sources = sources.set_index("source_id", drop=False)
        self.version = version
        self.name = name
        self.checksums = dict(checksums or {})
        self._by_activity = {str(k): g.to_dict("records") for k, g in self.factors.groupby("activity", sort=False)}
        self._props = {a: {k: (float(v) if v == v and v is not None and not isinstance(v, str) else float("nan"))
                           for k, v in rec.items() if k in NUMERIC_PROPERTIES}
                       for a, rec in self.properties.to_dict("index").items()}
        #: Memo of the engine's per-key resolutions (a FactorSet never changes after construction).
        self.cache: dict = {}

    def __repr__(self) -> str:
        return (f"<FactorSet {self.name!r} version {self.version}: {len(self.factors)} factors, "
                f"{len(self.sources)} sources>")

    # ------------------------------------------------------------------ loading
    @classmethod
    def from_path(cls, path: str | Path, *, verify: bool = True) -> FactorSet:
        """Load a factor folder in the bundled format and verify its checksums.

        Parameters
        ----------
        path : str or Path
            Folder with ``manifest.json``, ``sources.csv``, ``fuel_properties.csv``
            (optional) and one or more factor CSV files.
        verify : bool
            Check every file against the sha256 in the manifest (default True).

        Raises
        ------
        DatasetIntegrityError
            A file differs from its recorded sha256, is missing, or is not listed.
        InputError
            Rows that are not valid factors, each named by file and row.
        """
        folder = Path(path)
        manifest_path = folder / "manifest.json"
        if not manifest_path.is_file():
            raise DatasetIntegrityError(f"{folder}: no manifest.json (version and sha256 of each file)")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        present = {p.name for p in folder.glob("*.csv")}
        checksums = _verified_checksums(folder, manifest.get("files", {}), present, verify)
        factors, failures = _coerce_factors(_read_factor_files(folder, present))
        props, shares, sources = _read_side_tables(folder)
        failures.extend(_unknown_sources(factors, shares, sources))
        dup = factors["factor_id"].duplicated(keep="first")
        for fid in factors.loc[dup, "factor_id"]:
            failures.append({"row": fid, "column": "factor_id", "value": fid, "reason": "duplicate factor_id"})
        if failures:
            raise InputError(failures, what=f"factor dataset {folder}")
        factors["user"] = False
        return cls(factors, props, sources[SOURCE_COLUMNS], version=str(manifest.get("version", "")),
                   name=str(manifest.get("name", folder.name)), checksums=checksums, shares=shares)

    # ------------------------------------------------------------------ extending
    def with_factors(self, rows: pd.DataFrame | list[dict[str, Any]], *,
                     sources: pd.DataFrame | list[dict[str, Any]] | None = None) -> FactorSet:
        """A new FactorSet with user rows added (a local district-heating value, a supplier's electricity).

        User rows replace the bundled rows of the same activity, region, method and
        instrument **for the years they cover** (``valid_from``..``valid_to``); every
        other year keeps its bundled figures. Two user rows for the same key, boundary
        and gas whose years overlap are an error naming both. A row without a
        ``source_id`` (or naming a source that is not given) is kept but marked
        *unsourced*; the ledger and the report say so.

        Parameters
        ----------
        rows : DataFrame or list of dict
            Columns as :class:`EmissionFactor`; ``factor_id`` is generated when missing.
        sources : DataFrame or list of dict, optional
            Source records for the rows (:class:`Source` fields).

        Returns
        -------
        FactorSet
            A new set: this one with the rows added (this one is unchanged).

        Raises
        ------
        InputError
            Every problem of the rows at once (unreadable values or units, overlapping years,
            a ``factor_id`` already in the set).

        Examples
        --------
        >>> import klimatbokslut as kb
        >>> fs = kb.default_factors().with_factors([dict(
        ...     activity="district_heating", region="Växjö", valid_from=2024, valid_to=2024,
        ...     value=25.0, unit="g CO2e/kWh", gas="CO2e", boundary="lifecycle", source_id="veab2024")],
        ...     sources=[dict(source_id="veab2024", publisher="Växjö Energi", title="Miljövärden 2024")])
        >>> float(kb.emissions("district_heating", "1000 kWh", year=2024, region="Växjö", factors=fs).magnitude)
        25.0
        """
        recs = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else [dict(r) for r in rows]
        src_recs = sources.to_dict("records") if isinstance(sources, pd.DataFrame) else list(sources or [])
        new_sources, failures = _source_records(src_recs)
        known = set(self.sources["source_id"]) | {s["source_id"] for s in new_sources}
        out, bad = _user_factor_records(recs, known)
        failures.extend(bad)
        if failures:
            raise InputError(failures, what="user factor rows")
        add = pd.DataFrame(out)
        add["file"] = "user"
        add["user"] = True
        clash = set(add["factor_id"]) & set(self.factors["factor_id"])
        if clash:
            raise InputError([{"row": None, "column": "factor_id", "value": c,
                               "reason": "factor_id already in the set"} for c in sorted(clash)],
                             what="user factor rows")
        factors = pd.concat([self.factors, add], ignore_index=True)
        overlaps = _user_overlaps(factors[factors["user"].astype(bool)])
        if overlaps:
            raise InputError(overlaps, what="user factor rows")
        srcs = pd.concat([self.sources.reset_index(drop=True), pd.DataFrame(new_sources, columns=SOURCE_COLUMNS)],
                         ignore_index=True).drop_duplicates("source_id", keep="last")
        version = self.version if self.version.endswith("+user") else self.version + "+user"
        return FactorSet(factors, self.properties.reset_index(drop=True), srcs.fillna(""), version=version,
                         name=self.name, checksums=self.checksums, shares=self.shares)

    # ------------------------------------------------------------------ selection
    def activities(self) -> list[str]:
        """Activities that have at least one factor row.

        Returns
        -------
        list of str
            Activity keys, sorted.

        Examples
        --------
        >>> import klimatbokslut as kb
        >>> "diesel" in kb.default_factors().activities()
        True
        """
        return sorted(self._by_activity)

    def regions(self, activity: str) -> list[str]:
        """Regions (networks) with factors for an activity.

        Parameters
        ----------
        activity : str
            Activity key.

        Returns
        -------
        list of str
            The regions, sorted (``SE`` for national figures).

        Examples
        --------
        >>> import klimatbokslut as kb
        >>> kb.default_factors().regions("district_heating")[:3]
        ['Askersund', 'Enköping', 'Gävle']
        """
        return sorted({r["region"] for r in self._by_activity.get(activity, [])})

    def select(self, activity: str, year: int, *, region: str = "SE", method: str = "",
               instrument: str = "", factor_id: str = "") -> Selection:
        """Choose the factor rows for an activity in a year.

        Parameters
        ----------
        activity : str
            Canonical activity key.
        year : int
            Reporting year.
        region : str
            ``"SE"`` or a named network (district heating/cooling).
        method : {"", "location", "market"}
            Scope-2 method; ``""`` selects rows that serve both.
        instrument : str
            Market-based instrument (``residual_mix``, ``go_renewable`` ...) for
            electricity; ``""`` otherwise.
        factor_id : str
            A factor id, or the prefix of a group of rows (``hvo100_preem``), chosen
            explicitly; bypasses region and instrument.

        Returns
        -------
        Selection
            The chosen rows and the year their figure describes (``factor_year``).

        Raises
        ------
        FactorNotFoundError
            With the reason and the valid choices.

        Examples
        --------
        >>> import klimatbokslut as kb
        >>> kb.default_factors().select("district_heating", 2024, region="Lund").factor_year
        2022
        """
        # Not split: its length is the docstring; the choice below reads top to bottom in one place.
        rows = self._by_activity.get(activity)
        if not rows:
            raise FactorNotFoundError(activity, year=year, reason="no factor in the dataset for this activity; "
                                      "add one with FactorSet.with_factors or a factor file (--factors)",
                                      column="activity")
        if factor_id:
            picked = [r for r in rows if r["factor_id"] == factor_id or r["factor_id"].startswith(factor_id + "-")]
            if not picked:
                raise FactorNotFoundError(activity, year=year, reason=f"unknown factor_id {factor_id!r}",
                                          choices=sorted({r["factor_id"].rsplit("-", 2)[0] for r in rows})[:15],
                                          column="factor_id")
            own = [r for r in picked if r["method"] in (method, "")] if method else picked
            if own:
                return _per_year(own, activity, year)
            # The id names a row of the other scope-2 method: this method follows its own rule.
        want = network_key(region)
        picked = [r for r in rows if network_key(r["region"]) == want]
        if not picked:
            hint = ("; district heating and cooling take the network as region (or SE for the national average)"
                    if activity.startswith("district_") else "")
            if activity.startswith("district_") and want == "se":
                hint = ("; no national average is bundled (none is published in a source the dataset could use): "
                        "give the network as region, or supply the national figure as one line of a factor file, "
                        f"e.g. 'activity,region,valid_from,valid_to,value,unit,gas,boundary,source_id' / "
                        f"'{activity},SE,{int(year)},{int(year)},<value>,g CO2e/kWh,CO2e,lifecycle,<source>'")
            raise FactorNotFoundError(activity, year=year, reason=f"no factor for region {region!r}{hint}; "
                                      "add a local value with FactorSet.with_factors or a factor file (--factors)",
                                      choices=self.regions(activity), column="region")
        if method:
            picked = [r for r in picked if r["method"] in (method, "")]
        else:
            picked = [r for r in picked if r["method"] == ""]
        if method == "location":
            picked = [r for r in picked if r["instrument"] == ""]
        else:
            wanted = [r for r in picked if r["instrument"] == instrument]
            if not wanted:
                choices = sorted({r["instrument"] for r in picked} - {""})
                raise FactorNotFoundError(activity, year=year,
                                          reason=f"no {method + '-based ' if method else ''}factor for contract "
                                                 f"{instrument or '(none)'!r}", choices=choices, column="contract")
            picked = wanted
        if not picked:
            raise FactorNotFoundError(activity, year=year, reason=f"no {method}-based factor", column="activity")
        return _per_year(picked, activity, year)

    def share(self, activity: str, year: int, region: str = "SE",
              basis: str | None = None) -> tuple[dict | None, int | None]:
        """The share row of an activity (and network) for a year, and the year it describes.

        The row of the year, else the nearest year (the earlier one on a tie);
        ``(None, None)`` when the dataset has no row for the activity and region
        (and ``basis``, e.g. ``"residual_mix"`` for electricity, when given).

        Parameters
        ----------
        activity : str
            Activity key.
        year : int
            The activity year.
        region : str, default "SE"
            ``"SE"`` or a named network.
        basis : str, optional
            The basis of the share (``"residual_mix"`` for electricity), when the dataset has several.

        Returns
        -------
        tuple of (dict or None, int or None)
            The share row and the year it describes.

        Examples
        --------
        >>> import klimatbokslut as kb
        >>> kb.default_factors().share("nothing", 2024)
        (None, None)
        """
        t = self.shares
        if not len(t):
            return None, None
        want = network_key(region)
        sel = t[(t["activity"] == activity) & (t["region"].map(network_key) == want)]
        if basis is not None:
            sel = sel[sel["basis"].astype(str) == basis]
        if not len(sel):
            return None, None
        years = sel["year"].to_numpy()
        y = int(year)
        best = min(years.tolist(), key=lambda v: (abs(v - y), v > y))
        row = sel[sel["year"] == best].iloc[0].to_dict()
        return row, int(best)

    def table(self) -> pd.DataFrame:
        """Every factor row joined with its (first) source: the factor catalogue.

        Returns
        -------
        pandas.DataFrame
            The factor columns followed by the source's (``publisher``, ``title``, ``url`` …).

        Examples
        --------
        >>> import klimatbokslut as kb
        >>> t = kb.default_factors().table()
        >>> {"publisher", "url", "value", "unit"} <= set(t.columns)
        True
        """
        first = self.factors["source_id"].str.split(";").str[0]
        src = self.sources.reset_index(drop=True).rename(columns={"note": "source_note", "year": "source_year",
                                                                   "edition": "source_edition"})
        return self.factors.assign(_sid=first).merge(src, how="left", left_on="_sid", right_on="source_id",
                                                     suffixes=("", "_src")).drop(columns=["_sid", "source_id_src"])

    def property(self, activity: str, name: str) -> float:
        """A fuel or gas property (``lhv_mj_per_l``, ``density_kg_per_l`` ...), NaN when unknown.

        Parameters
        ----------
        activity : str
            Activity key.
        name : str
            The property's name, as in ``fuel_properties.csv``.

        Returns
        -------
        float
            The value in the unit its name states; NaN when the dataset has none.

        Examples
        --------
        >>> import klimatbokslut as kb
        >>> kb.default_factors().property("diesel", "no such property")
        nan
        """
        return self._props.get(activity, {}).get(name, float("nan"))


#: Words a utility's or network's name may carry that do not tell networks apart ("Växjö Energi AB").
_NETWORK_WORDS = ("energi", "energy", "ab", "fjarrvarme", "fjarrvarmenat", "fjarrkyla", "nat", "kommun",
                  "kommunala", "stad", "varme", "och", "miljo", "elnat", "district", "heating", "cooling",
                  "network", "natet", "eon", "e", "on", "vattenfall", "fortum", "exergi", "tekniska", "verken",
                  "i", "kraft")
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "a", "ø": "o"})


def network_key(name: str) -> str:
    """The form a region or network name is matched in: case, å/ä/ö, punctuation and utility words ignored.

    ``"Växjö Energi"``, ``"växjö"``, ``"VAXJO"`` and ``"Växjö Energi AB"`` all match the network
    ``Växjö``; ``"SE"``, ``"Sverige"`` and ``"riket"`` mean the national figure. Words that name the
    town or network are kept, so ``"Karlskoga"`` and ``"Karlstad"`` stay apart.

    Examples
    --------
    >>> network_key("Växjö Energi AB"), network_key("VAXJO"), network_key("Sverige")
    ('vaxjo', 'vaxjo', 'se')
    """
    text = str(name).casefold().translate(_FOLD)
    words = [w for w in re.split(r"[^0-9a-z]+", text) if w]
    kept = [w for w in words if w not in _NETWORK_WORDS] or words
    # A genitive s ("Södertörns fjärrvärme", "Lidköpings") is dropped on both sides of a comparison.
    key = "".join(w[:-1] if len(w) > 4 and w.endswith("s") else w for w in kept)
    return "se" if key in ("se", "sverige", "sweden", "riket", "nationellt", "national", "riksgenomsnitt") else key


def _per_year(rows: list, activity: str, year: int) -> Selection:
    """User rows for the years they cover, else the bundled rows by :func:`_by_year`."""
    y = int(year)
    user = [r for r in rows if r["user"]]
    if user:
        covering = [r for r in user if r["valid_from"] <= y <= r["valid_to"]]
        if covering:
            return _by_year(covering, activity, y)
        bundled = [r for r in rows if not r["user"]]
        if bundled:
            return _by_year(bundled, activity, y)
        spans = ", ".join(sorted({_span(r) for r in user}))
        raise FactorNotFoundError(activity, year=y, reason=f"your factor rows cover {spans}, not {y}; a user row "
                                  "applies only to the years it covers: add a row for the year", column="year")
    return _by_year(rows, activity, y)


def _span(r: dict) -> str:
    return str(r["valid_from"]) if r["valid_from"] == r["valid_to"] else f"{r['valid_from']}–{r['valid_to']}"


def _by_year(rows: list, activity: str, year: int) -> Selection:
    """The rows covering the year (the narrowest period), else the nearest edition (the earlier one on a tie)."""
    y = int(year)
    covering = [r for r in rows if r["valid_from"] <= y <= r["valid_to"]]
    if covering:
        # Several periods may cover the year (a multi-year row and a single-year row): take the narrowest.
        narrowest = min(r["valid_to"] - r["valid_from"] for r in covering)
        return Selection([r for r in covering if r["valid_to"] - r["valid_from"] == narrowest], y, False)
    if not rows:
        raise FactorNotFoundError(activity, year=y, reason="no factor rows", column="year")

    def distance(r: dict) -> tuple[int, int]:
        return (r["valid_from"] - y, 1) if y < r["valid_from"] else (y - r["valid_to"], 0)

    best = min(distance(r) for r in rows)
    chosen = [r for r in rows if distance(r) == best]
    # Of the nearest editions, the one whose own span is narrowest (a yearly figure before a period average).
    narrowest = min(r["valid_to"] - r["valid_from"] for r in chosen)
    chosen = [r for r in chosen if r["valid_to"] - r["valid_from"] == narrowest]
    first = chosen[0]
    span = (first["valid_from"], first["valid_to"])
    chosen = [r for r in chosen if (r["valid_from"], r["valid_to"]) == span]
    factor_year = span[1] if best[1] == 0 else span[0]
    return Selection(chosen, factor_year, True)


def _user_overlaps(user: pd.DataFrame) -> list[dict]:
    """User rows of one key that give a year twice, each problem named by both rows.

    Rows of one key and year must share one span (a direct and a WTT row for 2024 are
    one figure in two parts); a second row for the same span, boundary and gas, or a
    row whose span overlaps another span, gives the year twice.
    """
    out: list[dict] = []
    if not len(user):
        return out
    frame = user.assign(_region=[network_key(r) for r in user["region"]])
    for _, grp in frame.groupby(["activity", "_region", "method", "instrument"], sort=False):
        if len(grp) < 2:
            continue
        recs = grp.sort_values(["valid_from", "valid_to"]).to_dict("records")
        for a_i, a in enumerate(recs):
            for b in recs[a_i + 1:]:
                same_span = (a["valid_from"], a["valid_to"]) == (b["valid_from"], b["valid_to"])
                overlap = b["valid_from"] <= a["valid_to"] and a["valid_from"] <= b["valid_to"]
                if not overlap or (same_span and (a["boundary"], a["gas"]) != (b["boundary"], b["gas"])):
                    continue
                lo, hi = max(a["valid_from"], b["valid_from"]), min(a["valid_to"], b["valid_to"])
                years = str(lo) if lo == hi else f"{lo}–{hi}"
                why = ("both give the same part" if same_span else
                       f"their spans {_span(a)} and {_span(b)} overlap (rows of one year must share one span)")
                out.append({"row": a["factor_id"], "column": "valid_from/valid_to", "value": years,
                            "reason": f"{a['factor_id']!r} and {b['factor_id']!r} both give {a['activity']} "
                                      f"({a['region']}, {a['boundary']} {a['gas']}) for {years}: {why}; keep one "
                                      "figure per year"})
    return out


def _coerce_shares(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in SHARE_COLUMNS:
        if col not in out.columns:
            out[col] = ""
    out = out[SHARE_COLUMNS]
    out["year"] = pd.to_numeric(out["year"], errors="coerce").astype("Int64")
    for col in NUMERIC_SHARES:
        out[col] = pd.to_numeric(out[col].replace("", None), errors="coerce").astype(float)
    out["region"] = out["region"].astype(str)
    return out.reset_index(drop=True)


def _coerce_factors(df: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    failures = []
    out = df.copy()
    for col in ("valid_from", "valid_to"):
        out[col] = pd.to_numeric(out[col], errors="coerce")
    edition = pd.to_numeric(out["edition"].replace("", None), errors="coerce") if "edition" in out.columns \
        else pd.Series(float("nan"), index=out.index)
    bad_edition = edition.isna() & out["edition"].astype(str).str.strip().ne("") if "edition" in out.columns \
        else edition.isna() & False
    for rec in out[bad_edition].to_dict("records"):
        failures.append({"row": rec["factor_id"], "column": "edition", "value": rec["edition"],
                         "reason": f"not a year ({rec['file']})"})
    single = out["valid_from"].eq(out["valid_to"])
    edition = edition.where(edition.notna() | ~single, out["valid_from"])
    out["edition"] = pd.Series([None if v != v else int(v) for v in edition], index=out.index, dtype=object)
    out["value"] = pd.to_numeric(out["value"], errors="coerce")
    out["derived"] = out["derived"].str.lower().isin(["true", "1", "yes"])
    bad_num = out[["valid_from", "valid_to", "value"]].isna().any(axis=1)
    for rec in out[bad_num].to_dict("records"):
        failures.append({"row": rec["factor_id"], "column": "value/valid_from/valid_to", "value": None,
                         "reason": f"not a number ({rec['file']})"})
    for col in UNCERTAINTY_COLUMNS:
        out[col] = out[col].fillna("").astype(str) if col in out.columns else ""
    for rec in out[UNCERTAINTY_COLUMNS + ["factor_id", "file"]].drop_duplicates(UNCERTAINTY_COLUMNS).to_dict("records"):
        problems = uncertainty_problems(rec)
        if problems:
            same = out[(out[UNCERTAINTY_COLUMNS] == pd.Series({c: rec[c] for c in UNCERTAINTY_COLUMNS})).all(axis=1)]
            for fid, file in zip(same["factor_id"], same["file"], strict=True):
                for col, val, why in problems:
                    failures.append({"row": fid, "column": col, "value": val, "reason": f"{why} ({file})"})
    bad_boundary = ~out["boundary"].isin(BOUNDARIES)
    for rec in out[bad_boundary].to_dict("records"):
        failures.append({"row": rec["factor_id"], "column": "boundary", "value": rec["boundary"],
                         "reason": f"boundary must be one of {', '.join(BOUNDARIES)}"})
    # Units and gases are checked once per distinct pair, with the same rules as EmissionFactor.
    for (unit, gas), grp in out.groupby(["unit", "gas"]):
        try:
            EmissionFactor(factor_id="check", activity="check", valid_from=2000, valid_to=2000, value=1.0,
                           unit=cast(str, unit), gas=cast(str, gas), source_id="check")  # text columns
        except Exception as exc:
            msg = str(exc).splitlines()[-2 if len(str(exc).splitlines()) > 1 else -1].strip()
            for fid in grp["factor_id"]:
                failures.append({"row": fid, "column": "unit", "value": f"{unit} ({gas})", "reason": msg})
    out = out[~bad_num]
    out["valid_from"] = out["valid_from"].astype(int)
    out["valid_to"] = out["valid_to"].astype(int)
    return out, failures


@lru_cache(maxsize=1)
def default_factors() -> FactorSet:
    """The bundled factor set, verified against its manifest (loaded once).

    Returns
    -------
    FactorSet
        The bundled factors and their sources (the same object on every call).

    Raises
    ------
    DatasetIntegrityError
        If a bundled file does not match the sha256 in its manifest.

    Examples
    --------
    >>> import klimatbokslut as kb
    >>> fs = kb.default_factors()
    >>> len(fs.sources) > 10
    True
    """
    return FactorSet.from_path(_bundled_dir())


# ----------------------------------------------------------------------------- reading a folder
def _verified_checksums(folder: Path, listed: dict, present: set[str], verify: bool) -> dict[str, str]:
    """The sha256 of every CSV in a dataset folder, checked against the manifest when ``verify``."""
    if not verify:
        return {name: _sha256(folder / name) for name in present}
    for name in sorted(present - set(listed)):
        raise DatasetIntegrityError(f"{folder / name}: file is not listed in manifest.json")
    checksums: dict[str, str] = {}
    for name, meta in listed.items():
        file = folder / name
        if not file.is_file():
            raise DatasetIntegrityError(f"{file}: listed in manifest.json but missing")
        digest = _sha256(file)
        if digest != meta.get("sha256"):
            raise DatasetIntegrityError(
                f"{file}: sha256 {digest} does not match the manifest ({meta.get('sha256')}); "
                "the file was changed after the dataset was built")
        checksums[name] = digest
    return checksums


def _read_factor_files(folder: Path, present: set[str]) -> pd.DataFrame:
    """Every factor CSV of a folder in one frame, with the file each row came from."""
    frames = []
    for name in sorted(present - DATA_FILES_NOT_FACTORS):
        df = _read_csv(folder / name)
        missing = [c for c in REQUIRED_FACTOR_COLUMNS if c not in df.columns]
        if missing:
            raise DatasetIntegrityError(f"{folder / name}: missing columns {missing}")
        for col in UNCERTAINTY_COLUMNS:
            if col not in df.columns:
                df[col] = ""
        df = df[FACTOR_COLUMNS].copy()
        df["file"] = name
        frames.append(df)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FACTOR_COLUMNS + ["file"])


def _read_side_tables(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Fuel properties, energy shares and sources of a dataset folder (empty tables where absent)."""
    props = _read_csv(folder / "fuel_properties.csv") if (folder / "fuel_properties.csv").is_file() \
        else pd.DataFrame(columns=PROPERTY_COLUMNS)
    for col in NUMERIC_PROPERTIES:
        if col not in props.columns:
            props[col] = ""
        props[col] = pd.to_numeric(props[col].replace("", None), errors="coerce")
    shares = _read_csv(folder / "energy_shares.csv") if (folder / "energy_shares.csv").is_file() \
        else pd.DataFrame(columns=SHARE_COLUMNS)
    sources = _read_csv(folder / "sources.csv") if (folder / "sources.csv").is_file() \
        else pd.DataFrame(columns=SOURCE_COLUMNS)
    for col in SOURCE_COLUMNS:
        if col not in sources.columns:
            sources[col] = ""
    return props, shares, sources


def _unknown_sources(factors: pd.DataFrame, shares: pd.DataFrame, sources: pd.DataFrame) -> list[dict]:
    """A failure for every source id (factor, uncertainty, energy share) that sources.csv does not hold."""
    known = set(sources["source_id"])
    failures = []
    for rec in shares.to_dict("records"):
        for sid in str(rec.get("source_id", "")).split(";"):
            if sid and sid not in known:
                failures.append({"row": f"{rec.get('activity')} {rec.get('region')} {rec.get('year')}",
                                 "column": "source_id", "value": sid,
                                 "reason": "source not in sources.csv (energy_shares.csv)"})
    for rec in factors.to_dict("records"):
        for sid in str(rec["source_id"]).split(";"):
            if sid and sid not in known:
                failures.append({"row": rec["factor_id"], "column": "source_id", "value": sid,
                                 "reason": f"source not in sources.csv ({rec['file']})"})
    for fid, usid, file in zip(factors["factor_id"], factors["uncertainty_source_id"], factors["file"],
                               strict=True):
        if usid and usid not in known:
            failures.append({"row": fid, "column": "uncertainty_source_id", "value": usid,
                             "reason": f"source not in sources.csv ({file})"})
    return failures


# ----------------------------------------------------------------------------- user rows
def _source_records(src_recs: list[dict]) -> tuple[list[dict], list[dict]]:
    """User source records as :class:`Source` dicts, and a failure for each that is not one."""
    new_sources, failures = [], []
    for i, s in enumerate(src_recs, start=1):
        try:
            new_sources.append(Source(**{k: ("" if v is None else str(v)) for k, v in s.items()}).model_dump())
        except Exception as exc:
            failures.append({"row": i, "column": "sources", "value": s.get("source_id"), "reason": str(exc)})
    return new_sources, failures


def _user_factor_records(recs: list[dict], known: set[str]) -> tuple[list[dict], list[dict]]:
    """User factor rows as :class:`EmissionFactor` dicts (an id made where missing, a source that is not
    given marked unsourced), and a failure for each row that is not a factor of a known activity."""
    from .catalogue import get_activity, suggest  # the catalogue, with the user's own activities

    out, failures = [], []
    for i, rec in enumerate(recs, start=1):
        rec = {k: v for k, v in rec.items() if not (isinstance(v, float) and math.isnan(v))}
        act = str(rec.get("activity", ""))
        try:
            get_activity(act)
        except KeyError:
            close = suggest(act)
            failures.append({"row": i, "column": "activity", "value": act,
                             "reason": "not an activity of the catalogue: define it first (define_activity, or "
                                       "an [[activity]] in a factor file)"
                                       + (f"; did you mean {', '.join(close)}?" if close else "")})
            continue
        rec.setdefault("factor_id", f"user-{rec.get('activity', 'x')}-{rec.get('region', 'SE')}-"
                                    f"{rec.get('valid_from', '')}-{i}")
        if not rec.get("source_id") or rec["source_id"] not in known:
            rec["source_id"] = UNSOURCED
        try:
            out.append(EmissionFactor(**rec).model_dump())
        except Exception as exc:
            failures.append({"row": i, "column": "factors", "value": rec.get("factor_id"),
                             "reason": str(exc).replace("\n", " ")})
    return out, failures
