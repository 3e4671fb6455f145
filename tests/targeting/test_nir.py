from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.targeting.registry.nir import NirError, make_nir, normalize_nir, validate_nir

VALID = ["255081416802538", "295109912611193", "253072B07300470", "253072A07300443"]


@pytest.mark.parametrize("nir", VALID)
def test_reference_vectors_are_valid(nir: str) -> None:
    validate_nir(nir)


@pytest.mark.parametrize(
    ("nir", "reason"),
    [
        ("295109912611199", "clé de contrôle"),
        ("29510991261119", "14 caractères au lieu de 15"),
        ("395109912611193", "13 chiffres"),
        ("2951099126111A3", "13 chiffres"),
        ("253072C07300470", "13 chiffres"),
        ("253072A07300470", "clé de contrôle"),  # the 2B number's key under 2A
    ],
)
def test_invalid_numbers_say_why_without_the_number(nir: str, reason: str) -> None:
    with pytest.raises(NirError, match=reason) as caught:
        validate_nir(nir)
    assert nir not in str(caught.value)


def test_consistency_with_sex_and_birth_date() -> None:
    nir = "255081416802538"  # a woman born in August 1955
    validate_nir(nir, sex=2, birth_date=date(1955, 8, 14))
    with pytest.raises(NirError, match="sexe"):
        validate_nir(nir, sex=1)
    with pytest.raises(NirError, match="année"):
        validate_nir(nir, birth_date=date(1956, 8, 14))
    with pytest.raises(NirError, match="mois"):
        validate_nir(nir, birth_date=date(1955, 9, 14))


def test_unknown_month_conventions_are_accepted() -> None:
    for month in (20, 30, 42, 50, 99):
        first_13 = f"155{month:02d}75123456"
        nir = first_13 + f"{97 - int(first_13) % 97:02d}"
        validate_nir(nir, birth_date=date(1955, 6, 1))


def test_normalization_of_typed_numbers() -> None:
    assert normalize_nir("2 53 07 2b 073 004 70") == "253072B07300470"


@given(
    sex=st.sampled_from([1, 2]),
    birth=st.dates(min_value=date(1920, 1, 1), max_value=date(2010, 12, 31)),
    department=st.sampled_from(["01", "2A", "2B", "75", "95", "97"]),
    commune=st.integers(1, 999),
    order=st.integers(1, 999),
)
def test_made_numbers_validate_and_one_wrong_key_digit_does_not(
    sex: int, birth: date, department: str, commune: int, order: int
) -> None:
    nir = make_nir(sex, birth, department, commune, order)
    validate_nir(nir, sex=sex, birth_date=birth)
    tampered = nir[:14] + str((int(nir[14]) + 1) % 10)
    with pytest.raises(NirError):
        validate_nir(tampered)
