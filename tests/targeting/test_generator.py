"""The synthetic population generator: valid and unique NIRs, the import format, determinism,
and distributions that make the 2011 socle's targets non-trivial.

One stream of 200,000 rows serves every check (a smaller population is a prefix of a larger
one): uniqueness on all of it, NIR validation on the first 20,000, the rest on the first 50,000.
"""

import csv
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from services.cli import app
from services.targeting.caisses.reference_data import CAISSES
from services.targeting.registry.categories import (
    CATEGORIES,
    CATEGORIES_WITH_RISK_INFORMATION,
    CATEGORY_BY_NAME,
)
from services.targeting.registry.columns import IMPORT_COLUMNS
from services.targeting.registry.generator import (
    LIBERAL_CAISSES,
    iter_population_rows,
    required_quarters,
    write_population,
)
from services.targeting.registry.nir import validate_nir

YEAR = 2011
SIZE, INSPECTED, VALIDATED = 200_000, 50_000, 20_000
C = {name: i for i, name in enumerate(IMPORT_COLUMNS)}
PHONE = re.compile(r"^0[1-9]\d{8}$")
EMAIL = re.compile(r"^[a-z0-9.-]+@example\.(fr|com|net)$")
BOOLEANS = ("auto_entrepreneur", "conjoint_collaborateur", "cross_border", "contact_opt_out")


def adult_on(birth: date) -> date:
    try:
        return birth.replace(year=birth.year + 18)
    except ValueError:  # born on 29 February
        return date(birth.year + 18, 3, 1)


@dataclass
class Sample:
    """What the tests need from the rows, gathered in one streaming pass."""

    rows: int = 0
    inspected: int = 0
    unique_nirs: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    birth_years: Counter[int] = field(default_factory=Counter)
    caisses: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    problems: Counter[str] = field(default_factory=Counter)

    def share(self, key: str, of: str = "rows") -> float:
        total = self.inspected if of == "rows" else self.counts[of]
        return self.counts[key] / total


def _inspect(rows: Iterator[list[str]]) -> Sample:
    sample = Sample()
    nirs: set[str] = set()
    counts, problems = sample.counts, sample.problems
    ae_start, year_end = date(2009, 1, 1), date(YEAR, 12, 31)
    for index, row in enumerate(rows):
        nir = row[C["nir"]]
        nirs.add(nir)
        if index >= INSPECTED:
            continue
        birth = date.fromisoformat(row[C["birth_date"]])
        if index < VALIDATED:
            validate_nir(nir, sex=int(row[C["sex"]]), birth_date=birth)
        sample.birth_years[birth.year] += 1
        caisse, group, status = (
            row[C["caisse_code"]],
            row[C["professional_group"]],
            row[C["status"]],
        )
        sample.caisses[caisse] += 1
        sample.categories[row[C["professional_category"]]] += 1
        counts[f"status:{status}"] += 1
        counts[f"sex:{row[C['sex']]}"] += 1
        counts[f"group:{group}"] += 1
        for name in BOOLEANS:
            value = row[C[name]]
            problems["boolean format"] += value not in ("true", "false")
            counts[name] += value == "true"
        created = date.fromisoformat(row[C["business_created_on"]])
        affiliated = date.fromisoformat(row[C["affiliated_on"]])
        problems["created before 18"] += created < adult_on(birth)
        problems["affiliated before created"] += affiliated < created
        problems["affiliated after the year"] += affiliated > year_end
        problems["ae created before 2009"] += row[C["auto_entrepreneur"]] == "true" and (
            created < ae_start
        )
        counts["created this year"] += created.year == YEAR
        if status == "active":
            counts["active ae"] += row[C["auto_entrepreneur"]] == "true"
        if status == "retired":
            counts["retired 60+"] += YEAR - birth.year >= 60
        validated, required = int(row[C["validated_quarters"]]), int(row[C["required_quarters"]])
        problems["required quarters"] += required != required_quarters(birth.year)
        if YEAR - birth.year >= 50:
            counts["50+"] += 1
            counts["50+ incomplete"] += validated < required
        problems["liberal outside PL"] += (group == "liberal") != (caisse in LIBERAL_CAISSES)
        category = CATEGORY_BY_NAME[row[C["professional_category"]]]
        problems["category group"] += category.group != group
        problems["activity code"] += row[C["activity_code"]] not in category.activity_codes
        department = nir[5:7]
        problems["corsica outside CORSE"] += (department in ("2A", "2B")) != (caisse == "CORSE")
        postcode = row[C["postcode"]]
        if department == "97":
            problems["overseas commune"] += caisse not in ("ANTILLESGUYANE", "REUNION")
            problems["overseas postcode"] += bool(postcode) and postcode[:3] != f"97{nir[7]}"
        elif postcode:
            expected = "20" if department in ("2A", "2B") else department
            problems["postcode department"] += postcode[:2] != expected
        counts["email"] += bool(row[C["email"]])
        counts["phone"] += bool(row[C["phone"]])
        problems["email format"] += bool(row[C["email"]]) and not EMAIL.match(row[C["email"]])
        problems["phone format"] += bool(row[C["phone"]]) and not PHONE.match(row[C["phone"]])
        problems["required field empty"] += not all(
            row[C[name]] for name in ("nir", "last_name", "first_name", "sex", "caisse_code")
        )
    sample.rows, sample.inspected, sample.unique_nirs = index + 1, INSPECTED, len(nirs)
    return sample


@pytest.fixture(scope="module")
def sample() -> Sample:
    return _inspect(iter_population_rows(SIZE, seed=2011, year=YEAR))


def test_nirs_are_valid_unique_and_match_sex_and_birth_date(sample: Sample) -> None:
    # validate_nir raised in the fixture otherwise.
    assert sample.rows == SIZE
    assert sample.unique_nirs == SIZE


def test_rows_are_consistent(sample: Sample) -> None:
    assert +sample.problems == Counter()


def test_header_is_the_import_format(tmp_path: Path) -> None:
    path = tmp_path / "population.csv"
    write_population(path, 50)
    with path.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    assert tuple(lines[0]) == IMPORT_COLUMNS
    assert len(lines) == 51
    assert all(len(line) == len(IMPORT_COLUMNS) for line in lines)


def test_same_seed_same_bytes_other_seed_other_file(tmp_path: Path) -> None:
    first, again, other = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    write_population(first, 3_000, seed=42)
    write_population(again, 3_000, seed=42)
    write_population(other, 3_000, seed=43)
    assert first.read_bytes() == again.read_bytes()
    assert first.read_bytes() != other.read_bytes()


def test_a_smaller_population_is_a_prefix_of_a_larger_one() -> None:
    assert (
        list(iter_population_rows(500, seed=9)) == list(iter_population_rows(1_000, seed=9))[:500]
    )


def test_progress_is_reported_every_tenth(tmp_path: Path) -> None:
    reports: list[int] = []
    write_population(tmp_path / "p.csv", 2_500, progress=reports.append)
    assert len(reports) == 10
    assert reports[-1] == 2_500
    assert reports == sorted(reports)
    assert not list(tmp_path.glob(".*partial"))


def test_eig_cohorts_are_well_represented(sample: Sample) -> None:
    for birth_year in (YEAR - 59, YEAR - 54):  # 1952 and 1957
        assert 0.025 <= sample.birth_years[birth_year] / INSPECTED <= 0.03
    assert min(sample.birth_years) == YEAR - 80
    assert max(sample.birth_years) == YEAR - 18
    assert 0.30 <= sample.share("50+ incomplete", of="50+") <= 0.35


def test_status_sex_group_shares(sample: Sample) -> None:
    assert 0.77 <= sample.share("status:active") <= 0.83
    assert 0.13 <= sample.share("status:retired") <= 0.17
    assert 0.04 <= sample.share("status:struck_off") <= 0.06
    assert sample.share("retired 60+", of="status:retired") >= 0.9
    assert 0.66 <= sample.share("sex:1") <= 0.74
    artisans, commercants = sample.counts["group:artisan"], sample.counts["group:commercant"]
    assert 0.42 <= artisans / (artisans + commercants) <= 0.48


def test_creators_and_auto_entrepreneurs(sample: Sample) -> None:
    assert 0.06 <= sample.share("created this year") <= 0.08
    assert 0.22 <= sample.share("active ae", of="status:active") <= 0.28


def test_flags_and_contact_details(sample: Sample) -> None:
    assert 0.03 <= sample.share("conjoint_collaborateur") <= 0.05
    assert 0.015 <= sample.share("cross_border") <= 0.025
    assert 0.01 <= sample.share("contact_opt_out") <= 0.02
    assert 0.57 <= sample.share("email") <= 0.63
    assert 0.67 <= sample.share("phone") <= 0.73


def test_caisse_sizes_are_plausible(sample: Sample) -> None:
    assert set(sample.caisses) == {c.code for c in CAISSES}
    share = {code: n / INSPECTED for code, n in sample.caisses.items()}
    for small in ("CORSE", "LIMOUSIN", "REUNION"):
        assert share[small] < 0.012
    for large in ("IDFCENTRE", "IDFEST", "IDFOUEST", "ALPES", "RHONE"):
        assert share[large] > 0.035
    assert set(sample.categories) == set(CATEGORY_BY_NAME)


def test_categories_reference() -> None:
    codes = [code for category in CATEGORIES for code in category.activity_codes]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"\d{4}[A-Z]", code) for code in codes)
    assert 15 <= len(CATEGORIES) <= 25
    assert 0.4 <= len(CATEGORIES_WITH_RISK_INFORMATION) / len(CATEGORIES) <= 0.6
    assert {c.group for c in CATEGORIES} == {"artisan", "commercant", "liberal"}


REQUIRED_QUARTERS = {1940: 160, 1948: 160, 1949: 161, 1950: 162, 1951: 163, 1952: 164}
REQUIRED_QUARTERS |= {1953: 165, 1954: 165, 1955: 166, 1957: 166, 1958: 167, 1973: 172}


@pytest.mark.parametrize(("birth_year", "quarters"), sorted(REQUIRED_QUARTERS.items()))
def test_required_quarters(birth_year: int, quarters: int) -> None:
    assert required_quarters(birth_year) == quarters


def test_cli_writes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "population.csv"
    result = CliRunner().invoke(
        app, ["generate-population", str(path), "--size", "1000", "--seed", "7"]
    )
    assert result.exit_code == 0, result.output
    assert "1,000/1,000 rows (100 %)" in result.stderr
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(IMPORT_COLUMNS)
    assert len(lines) == 1_001
    reference = tmp_path / "reference.csv"
    write_population(reference, 1_000, seed=7)
    assert path.read_bytes() == reference.read_bytes()


def test_year_shifts_the_cohorts() -> None:
    births = Counter(
        int(row[C["birth_date"]][:4]) for row in iter_population_rows(5_000, seed=1, year=2015)
    )
    assert min(births) >= 2015 - 80
    assert max(births) <= 2015 - 18
