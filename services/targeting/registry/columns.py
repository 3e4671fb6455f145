"""The registry's exchange format: the columns of an import CSV (header row required, comma or
semicolon separated, UTF-8, ISO dates, booleans as true/false, 1/0 or oui/non) and of a JSON
batch item. The same names are the registry table's columns."""

IMPORT_COLUMNS: tuple[str, ...] = (
    "nir",
    "last_name",
    "first_name",
    "sex",
    "birth_date",
    "email",
    "phone",
    "address_line",
    "postcode",
    "city",
    "caisse_code",
    "professional_group",
    "activity_code",
    "professional_category",
    "status",
    "auto_entrepreneur",
    "business_created_on",
    "affiliated_on",
    "validated_quarters",
    "required_quarters",
    "conjoint_collaborateur",
    "cross_border",
    "eirl",
    "invalidity_pension",
    "contact_opt_out",
)
REQUIRED_COLUMNS = frozenset(
    {
        "nir",
        "last_name",
        "first_name",
        "sex",
        "birth_date",
        "caisse_code",
        "professional_group",
        "status",
        "validated_quarters",
        "required_quarters",
    }
)
