"""Reference list of professional categories: the readable grouping of NAF activity codes the
caisses use to pick a trade for a collective meeting (« rencontre de conseil social »).

The 2011 socle restricts those meetings to the categories for which professional-risk
information exists; ``has_risk_information`` carries that flag. ``weight`` is the category's
relative frequency within its professional group (used by the synthetic population generator).
"""

from typing import NamedTuple


class ProfessionalCategory(NamedTuple):
    name: str
    group: str  # artisan, commercant or liberal (see registry.models.ProfessionalGroup)
    activity_codes: tuple[str, ...]  # NAF rév. 2 codes, most frequent first
    has_risk_information: bool
    weight: int


CATEGORIES: tuple[ProfessionalCategory, ...] = (
    # Artisans (répertoire des métiers).
    ProfessionalCategory(
        "bâtiment",
        "artisan",
        ("4399C", "4321A", "4322A", "4332A", "4334Z", "4391B", "4331Z", "4120A"),
        True,
        38,
    ),
    ProfessionalCategory("coiffure", "artisan", ("9602A",), True, 10),
    ProfessionalCategory("esthétique", "artisan", ("9602B",), True, 5),
    ProfessionalCategory("boulangerie-pâtisserie", "artisan", ("1071C", "1071D"), True, 6),
    ProfessionalCategory("boucherie-charcuterie", "artisan", ("4722Z", "1013B"), True, 4),
    ProfessionalCategory("réparation automobile", "artisan", ("4520A", "4520B"), True, 7),
    ProfessionalCategory("transport de personnes (taxi)", "artisan", ("4932Z",), True, 5),
    ProfessionalCategory("transport routier de marchandises", "artisan", ("4941B",), True, 5),
    ProfessionalCategory("travail du bois", "artisan", ("1623Z", "3109B"), True, 4),
    ProfessionalCategory("blanchisserie-pressing", "artisan", ("9601B",), False, 2),
    ProfessionalCategory("nettoyage", "artisan", ("8121Z", "8122Z"), False, 8),
    # Commerçants (registre du commerce et des sociétés).
    ProfessionalCategory(
        "commerce de détail alimentaire",
        "commercant",
        ("4711D", "4711B", "4711C", "4729Z", "4721Z"),
        False,
        16,
    ),
    ProfessionalCategory(
        "hôtellerie-restauration", "commercant", ("5610A", "5610C", "5630Z", "5510Z"), True, 22
    ),
    ProfessionalCategory(
        "commerce de détail non alimentaire",
        "commercant",
        ("4771Z", "4772A", "4759B", "4778C", "4761Z", "4777Z"),
        False,
        22,
    ),
    ProfessionalCategory("commerce de gros", "commercant", ("4690Z", "4641Z", "4673A"), False, 8),
    ProfessionalCategory(
        "commerce ambulant et marchés", "commercant", ("4781Z", "4782Z", "4789Z"), False, 8
    ),
    ProfessionalCategory("fleuriste", "commercant", ("4776Z",), False, 3),
    ProfessionalCategory("agences immobilières", "commercant", ("6831Z",), False, 6),
    ProfessionalCategory("commerce automobile", "commercant", ("4511Z", "4532Z"), True, 6),
    ProfessionalCategory("vente à distance", "commercant", ("4791B", "4791A"), False, 9),
    # Professions libérales (health insurance by the two PL caisses; outside the contact policy).
    ProfessionalCategory(
        "professions de santé",
        "liberal",
        ("8690D", "8621Z", "8622C", "8623Z", "8690E", "8690F"),
        True,
        40,
    ),
    ProfessionalCategory("conseil", "liberal", ("7022Z", "6920Z", "7021Z"), False, 25),
    ProfessionalCategory("professions juridiques", "liberal", ("6910Z",), False, 10),
    ProfessionalCategory(
        "architecture et ingénierie", "liberal", ("7111Z", "7112B", "7490B"), False, 12
    ),
    ProfessionalCategory("enseignement et formation", "liberal", ("8559A", "8559B"), False, 13),
)

CATEGORY_BY_NAME: dict[str, ProfessionalCategory] = {c.name: c for c in CATEGORIES}
CATEGORIES_WITH_RISK_INFORMATION: frozenset[str] = frozenset(
    c.name for c in CATEGORIES if c.has_risk_information
)
