"""The caisses of the RSI network as of 2011: 28 regional funds for artisans and
commerçants (mainland and overseas) and the 2 funds of the professions libérales."""

from typing import NamedTuple


class CaisseRecord(NamedTuple):
    code: str
    name: str
    region: str
    overseas: bool


CAISSES: tuple[CaisseRecord, ...] = (
    CaisseRecord("ALPES", "RSI Alpes", "Rhône-Alpes", False),
    CaisseRecord("ALSACE", "RSI Alsace", "Alsace", False),
    CaisseRecord("AQUITAINE", "RSI Aquitaine", "Aquitaine", False),
    CaisseRecord("AUVERGNE", "RSI Auvergne", "Auvergne", False),
    CaisseRecord("BOURGOGNE", "RSI Bourgogne", "Bourgogne", False),
    CaisseRecord("BRETAGNE", "RSI Bretagne", "Bretagne", False),
    CaisseRecord("CENTRE", "RSI Centre", "Centre", False),
    CaisseRecord("CHAMPAGNE", "RSI Champagne-Ardenne", "Champagne-Ardenne", False),
    CaisseRecord("CORSE", "RSI Corse", "Corse", False),
    CaisseRecord("COTEAZUR", "RSI Côte d'Azur", "Provence-Alpes-Côte d'Azur", False),
    CaisseRecord("FRANCHECOMTE", "RSI Franche-Comté", "Franche-Comté", False),
    CaisseRecord("IDFCENTRE", "RSI Île-de-France Centre", "Île-de-France", False),
    CaisseRecord("IDFEST", "RSI Île-de-France Est", "Île-de-France", False),
    CaisseRecord("IDFOUEST", "RSI Île-de-France Ouest", "Île-de-France", False),
    CaisseRecord("LANGUEDOC", "RSI Languedoc-Roussillon", "Languedoc-Roussillon", False),
    CaisseRecord("LIMOUSIN", "RSI Limousin", "Limousin", False),
    CaisseRecord("LORRAINE", "RSI Lorraine", "Lorraine", False),
    CaisseRecord("MIDIPYRENEES", "RSI Midi-Pyrénées", "Midi-Pyrénées", False),
    CaisseRecord("NORDPDC", "RSI Nord-Pas-de-Calais", "Nord-Pas-de-Calais", False),
    CaisseRecord("BASSENORMANDIE", "RSI Basse-Normandie", "Basse-Normandie", False),
    CaisseRecord("HAUTENORMANDIE", "RSI Haute-Normandie", "Haute-Normandie", False),
    CaisseRecord("PAYSDELALOIRE", "RSI Pays de la Loire", "Pays de la Loire", False),
    CaisseRecord("PICARDIE", "RSI Picardie", "Picardie", False),
    CaisseRecord("POITOU", "RSI Poitou-Charentes", "Poitou-Charentes", False),
    CaisseRecord("PROVENCE", "RSI Provence-Alpes", "Provence-Alpes-Côte d'Azur", False),
    CaisseRecord("RHONE", "RSI Rhône", "Rhône-Alpes", False),
    CaisseRecord("ANTILLESGUYANE", "RSI Antilles-Guyane", "Guadeloupe, Martinique, Guyane", True),
    CaisseRecord("REUNION", "RSI La Réunion", "La Réunion", True),
    CaisseRecord("PLIDF", "RSI Professions libérales Île-de-France", "Île-de-France", False),
    CaisseRecord(
        "PLPROVINCES", "RSI Professions libérales Provinces", "France métropolitaine", False
    ),
)
