"""Synthetic insured population, written in the registry's import format (see ``columns.py``).

Rows are produced one at a time from a seeded ``random.Random``: any size up to the national
3,000,000 streams in constant memory, the same (size, seed, year) always gives a byte-identical
file, and a smaller population is the first rows of a larger one.

NIRs are unique by construction: a counter kept per (sex, birth year, birth month, department)
bucket is mapped through an affine bijection of Z_M onto the bucket's (commune, order) grid, so
two rows of one bucket get different (commune, order); rows of different buckets differ in the
NIR's sex, year, month or department field (the overseas departments, all "97" in a NIR, in the
commune's first digit: 971 -> 1xx ... 974 -> 4xx). The ~150,000 counters do not grow with size.

Distributions (for the reference year Y): ages 18 to 80 with a plateau for the generations born
Y-66 to Y-46 (~2.7 % each, so the EIG cohorts Y-59 and Y-54 too); ~70 % men; 80 % active, 15 %
retired (97 % of them 60+), 5 % struck off; artisans 45 % / commerçants 55 %, libéraux only in the
two PL caisses; ~7.5 % creators of the year Y, ~24 % of the active are auto-entrepreneurs, all
created since 2009; ~33 % incomplete careers among the 50+ (25 % below 50).

``validated_quarters`` is the career record projected to the legal age: a complete career
reaches ``required_quarters``; an incomplete one (gaps to rebuild, the EIG interview's
priority) falls short of it.
"""

import csv
import os
import random
import unicodedata
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from itertools import accumulate, islice
from pathlib import Path
from typing import NamedTuple

from services.targeting.caisses.reference_data import CAISSES
from services.targeting.registry.categories import CATEGORIES
from services.targeting.registry.columns import IMPORT_COLUMNS

DEFAULT_SEED = 2011
DEFAULT_YEAR = 2011
AUTO_ENTREPRENEUR_START = date(2009, 1, 1)
MIN_AGE, MAX_AGE = 18, 80
_CHUNK = 5_000
_CORSICA_KEY_DIGITS = {"2A": "19", "2B": "18"}  # as in nir.control_key

# Relative size of each caisse's insured population.
_CAISSE_WEIGHTS: dict[str, int] = {
    "ALPES": 45,
    "ALSACE": 28,
    "AQUITAINE": 55,
    "AUVERGNE": 22,
    "BOURGOGNE": 24,
    "BRETAGNE": 48,
    "CENTRE": 38,
    "CHAMPAGNE": 19,
    "CORSE": 7,
    "COTEAZUR": 45,
    "FRANCHECOMTE": 16,
    "IDFCENTRE": 55,
    "IDFEST": 55,
    "IDFOUEST": 50,
    "LANGUEDOC": 46,
    "LIMOUSIN": 10,
    "LORRAINE": 30,
    "MIDIPYRENEES": 46,
    "NORDPDC": 42,
    "BASSENORMANDIE": 20,
    "HAUTENORMANDIE": 20,
    "PAYSDELALOIRE": 48,
    "PICARDIE": 22,
    "POITOU": 25,
    "PROVENCE": 48,
    "RHONE": 50,
    "ANTILLESGUYANE": 14,
    "REUNION": 10,
    "PLIDF": 40,
    "PLPROVINCES": 80,
}
LIBERAL_CAISSES = frozenset({"PLIDF", "PLPROVINCES"})
_BORDER_CAISSES = frozenset({"ALSACE", "LORRAINE", "FRANCHECOMTE", "NORDPDC", "ALPES"})
# Landline prefix (« zone ») of each mainland caisse's departments.
_ZONE: dict[str, str] = {
    "IDFCENTRE": "01",
    "IDFEST": "01",
    "IDFOUEST": "01",
    "BRETAGNE": "02",
    "CENTRE": "02",
    "BASSENORMANDIE": "02",
    "HAUTENORMANDIE": "02",
    "PAYSDELALOIRE": "02",
    "ALSACE": "03",
    "BOURGOGNE": "03",
    "CHAMPAGNE": "03",
    "FRANCHECOMTE": "03",
    "LORRAINE": "03",
    "NORDPDC": "03",
    "PICARDIE": "03",
    "ALPES": "04",
    "AUVERGNE": "04",
    "CORSE": "04",
    "COTEAZUR": "04",
    "LANGUEDOC": "04",
    "PROVENCE": "04",
    "RHONE": "04",
    "AQUITAINE": "05",
    "LIMOUSIN": "05",
    "MIDIPYRENEES": "05",
    "POITOU": "05",
}
# Overseas departments: (landline prefix, mobile prefixes).
_OVERSEAS_PHONES: dict[str, tuple[str, tuple[str, ...]]] = {
    "971": ("0590", ("0690",)),
    "972": ("0596", ("0696",)),
    "973": ("0594", ("0694",)),
    "974": ("0262", ("0692", "0693")),
}


def _arrondissements(prefix: str, city: str, count: int) -> str:
    return ";".join(f"{prefix}{n:03d} {city}" for n in range(1, count + 1))


# (department, caisse, weight ≈ population in 10,000s, "postcode city;…")
_DEPARTMENTS: tuple[tuple[str, str, int, str], ...] = (
    ("01", "RHONE", 60, "01000 Bourg-en-Bresse;01100 Oyonnax;01200 Bellegarde-sur-Valserine"),
    ("02", "PICARDIE", 54, "02000 Laon;02100 Saint-Quentin;02200 Soissons"),
    ("03", "AUVERGNE", 34, "03000 Moulins;03100 Montluçon;03200 Vichy"),
    ("04", "PROVENCE", 16, "04000 Digne-les-Bains;04100 Manosque"),
    ("05", "PROVENCE", 14, "05000 Gap;05100 Briançon"),
    ("06", "COTEAZUR", 108, "06000 Nice;06400 Cannes;06600 Antibes;06500 Menton"),
    ("07", "ALPES", 31, "07000 Privas;07100 Annonay;07200 Aubenas"),
    ("08", "CHAMPAGNE", 28, "08000 Charleville-Mézières;08200 Sedan"),
    ("09", "MIDIPYRENEES", 15, "09000 Foix;09100 Pamiers"),
    ("10", "CHAMPAGNE", 30, "10000 Troyes;10100 Romilly-sur-Seine"),
    ("11", "LANGUEDOC", 35, "11000 Carcassonne;11100 Narbonne"),
    ("12", "MIDIPYRENEES", 27, "12000 Rodez;12100 Millau"),
    ("13", "PROVENCE", 197, _arrondissements("13", "Marseille", 16) + ";13100 Aix-en-Provence"),
    ("14", "BASSENORMANDIE", 68, "14000 Caen;14100 Lisieux;14400 Bayeux"),
    ("15", "AUVERGNE", 15, "15000 Aurillac"),
    ("16", "POITOU", 35, "16000 Angoulême;16100 Cognac"),
    ("17", "POITOU", 62, "17000 La Rochelle;17100 Saintes;17300 Rochefort"),
    ("18", "CENTRE", 31, "18000 Bourges;18100 Vierzon"),
    ("19", "LIMOUSIN", 24, "19000 Tulle;19100 Brive-la-Gaillarde"),
    ("2A", "CORSE", 14, "20000 Ajaccio;20137 Porto-Vecchio"),
    ("2B", "CORSE", 17, "20200 Bastia;20250 Corte;20260 Calvi"),
    ("21", "BOURGOGNE", 52, "21000 Dijon;21200 Beaune"),
    ("22", "BRETAGNE", 59, "22000 Saint-Brieuc;22100 Dinan;22300 Lannion"),
    ("23", "LIMOUSIN", 12, "23000 Guéret"),
    ("24", "AQUITAINE", 41, "24000 Périgueux;24100 Bergerac"),
    ("25", "FRANCHECOMTE", 53, "25000 Besançon;25200 Montbéliard;25300 Pontarlier"),
    ("26", "ALPES", 48, "26000 Valence;26200 Montélimar"),
    ("27", "HAUTENORMANDIE", 59, "27000 Évreux;27200 Vernon"),
    ("28", "CENTRE", 43, "28000 Chartres;28100 Dreux"),
    ("29", "BRETAGNE", 90, "29000 Quimper;29200 Brest;29600 Morlaix"),
    ("30", "LANGUEDOC", 71, "30000 Nîmes;30100 Alès"),
    ("31", "MIDIPYRENEES", 126, "31000 Toulouse;31100 Toulouse;31600 Muret"),
    ("32", "MIDIPYRENEES", 19, "32000 Auch"),
    ("33", "AQUITAINE", 145, "33000 Bordeaux;33700 Mérignac;33120 Arcachon;33600 Pessac"),
    ("34", "LANGUEDOC", 104, "34000 Montpellier;34500 Béziers;34200 Sète"),
    ("35", "BRETAGNE", 99, "35000 Rennes;35400 Saint-Malo;35300 Fougères"),
    ("36", "CENTRE", 23, "36000 Châteauroux"),
    ("37", "CENTRE", 59, "37000 Tours;37400 Amboise"),
    ("38", "ALPES", 120, "38000 Grenoble;38200 Vienne;38300 Bourgoin-Jallieu"),
    ("39", "FRANCHECOMTE", 26, "39000 Lons-le-Saunier;39100 Dole"),
    ("40", "AQUITAINE", 38, "40000 Mont-de-Marsan;40100 Dax"),
    ("41", "CENTRE", 33, "41000 Blois;41100 Vendôme"),
    ("42", "RHONE", 75, "42000 Saint-Étienne;42300 Roanne"),
    ("43", "AUVERGNE", 22, "43000 Le Puy-en-Velay"),
    ("44", "PAYSDELALOIRE", 128, "44000 Nantes;44600 Saint-Nazaire"),
    ("45", "CENTRE", 66, "45000 Orléans;45200 Montargis"),
    ("46", "MIDIPYRENEES", 17, "46000 Cahors;46100 Figeac"),
    ("47", "AQUITAINE", 33, "47000 Agen;47300 Villeneuve-sur-Lot"),
    ("48", "LANGUEDOC", 8, "48000 Mende"),
    ("49", "PAYSDELALOIRE", 78, "49000 Angers;49300 Cholet;49400 Saumur"),
    ("50", "BASSENORMANDIE", 50, "50000 Saint-Lô;50100 Cherbourg-Octeville;50400 Granville"),
    ("51", "CHAMPAGNE", 57, "51100 Reims;51000 Châlons-en-Champagne;51200 Épernay"),
    ("52", "CHAMPAGNE", 18, "52000 Chaumont;52100 Saint-Dizier"),
    ("53", "PAYSDELALOIRE", 31, "53000 Laval"),
    ("54", "LORRAINE", 73, "54000 Nancy;54300 Lunéville"),
    ("55", "LORRAINE", 19, "55000 Bar-le-Duc;55100 Verdun"),
    ("56", "BRETAGNE", 72, "56000 Vannes;56100 Lorient"),
    ("57", "LORRAINE", 104, "57000 Metz;57100 Thionville;57200 Sarreguemines"),
    ("58", "BOURGOGNE", 22, "58000 Nevers"),
    ("59", "NORDPDC", 258, "59000 Lille;59100 Roubaix;59200 Tourcoing;59140 Dunkerque"),
    ("60", "PICARDIE", 80, "60000 Beauvais;60200 Compiègne;60100 Creil"),
    ("61", "BASSENORMANDIE", 29, "61000 Alençon;61100 Flers"),
    ("62", "NORDPDC", 146, "62000 Arras;62100 Calais;62200 Boulogne-sur-Mer;62300 Lens"),
    ("63", "AUVERGNE", 63, "63000 Clermont-Ferrand;63200 Riom"),
    ("64", "AQUITAINE", 65, "64000 Pau;64100 Bayonne;64200 Biarritz"),
    ("65", "MIDIPYRENEES", 23, "65000 Tarbes;65100 Lourdes"),
    ("66", "LANGUEDOC", 45, "66000 Perpignan"),
    ("67", "ALSACE", 110, "67000 Strasbourg;67500 Haguenau;67600 Sélestat"),
    ("68", "ALSACE", 75, "68000 Colmar;68100 Mulhouse;68300 Saint-Louis"),
    ("69", "RHONE", 172, _arrondissements("69", "Lyon", 9) + ";69100 Villeurbanne"),
    ("70", "FRANCHECOMTE", 24, "70000 Vesoul"),
    ("71", "BOURGOGNE", 55, "71000 Mâcon;71100 Chalon-sur-Saône"),
    ("72", "PAYSDELALOIRE", 56, "72000 Le Mans;72200 La Flèche"),
    ("73", "ALPES", 42, "73000 Chambéry;73200 Albertville"),
    ("74", "ALPES", 74, "74000 Annecy;74100 Annemasse;74200 Thonon-les-Bains"),
    ("75", "IDFCENTRE", 223, _arrondissements("75", "Paris", 20)),
    ("76", "HAUTENORMANDIE", 125, "76000 Rouen;76600 Le Havre;76200 Dieppe"),
    ("77", "IDFEST", 134, "77000 Melun;77100 Meaux;77500 Chelles"),
    ("78", "IDFOUEST", 141, "78000 Versailles;78100 Saint-Germain-en-Laye;78200 Mantes-la-Jolie"),
    ("79", "POITOU", 37, "79000 Niort;79300 Bressuire"),
    ("80", "PICARDIE", 57, "80000 Amiens;80100 Abbeville"),
    ("81", "MIDIPYRENEES", 38, "81000 Albi;81100 Castres"),
    ("82", "MIDIPYRENEES", 25, "82000 Montauban"),
    ("83", "COTEAZUR", 101, "83000 Toulon;83600 Fréjus;83300 Draguignan;83400 Hyères"),
    ("84", "PROVENCE", 54, "84000 Avignon;84200 Carpentras;84100 Orange"),
    ("85", "PAYSDELALOIRE", 64, "85000 La Roche-sur-Yon;85100 Les Sables-d'Olonne"),
    ("86", "POITOU", 43, "86000 Poitiers;86100 Châtellerault"),
    ("87", "LIMOUSIN", 37, "87000 Limoges"),
    ("88", "LORRAINE", 38, "88000 Épinal;88100 Saint-Dié-des-Vosges"),
    ("89", "BOURGOGNE", 34, "89000 Auxerre;89100 Sens"),
    ("90", "FRANCHECOMTE", 14, "90000 Belfort"),
    ("91", "IDFOUEST", 122, "91000 Évry;91100 Corbeil-Essonnes;91300 Massy"),
    ("92", "IDFOUEST", 158, "92000 Nanterre;92100 Boulogne-Billancourt;92400 Courbevoie"),
    ("93", "IDFEST", 153, "93000 Bobigny;93200 Saint-Denis;93100 Montreuil"),
    ("94", "IDFEST", 134, "94000 Créteil;94400 Vitry-sur-Seine;94300 Vincennes"),
    ("95", "IDFOUEST", 118, "95000 Cergy;95100 Argenteuil;95200 Sarcelles"),
    ("971", "ANTILLESGUYANE", 40, "97110 Pointe-à-Pitre;97100 Basse-Terre;97139 Les Abymes"),
    ("972", "ANTILLESGUYANE", 39, "97200 Fort-de-France;97232 Le Lamentin"),
    ("973", "ANTILLESGUYANE", 23, "97300 Cayenne;97310 Kourou;97320 Saint-Laurent-du-Maroni"),
    ("974", "REUNION", 83, "97400 Saint-Denis;97410 Saint-Pierre;97460 Saint-Paul;97430 Le Tampon"),
)


def _words(text: str) -> tuple[str, ...]:
    """Whitespace-separated names; a space inside a name is written "_" (Le_Gall)."""
    return tuple(word.replace("_", " ") for word in text.split())


LAST_NAMES = _words(
    """Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel
    Lefebvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine
    Rousseau Vincent Muller Lefèvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier
    François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu
    Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noël Meyer Dufour Meunier Brun
    Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche
    Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas
    Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland Leclercq
    Guillaume Lecomte Lopez Jean Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin
    Louis Deschamps Huet Vasseur Perez Boucher Fleury Royer Klein Jacquet Adam Paris Poirier
    Marty Aubry Guyot Carré Charles Renault Charpentier Ménard Maillard Baron Bertin Bailly
    Hervé Schneider Fernandez Le_Gall Collet Léger Bouvier Julien Prévost Millet Perrot Daniel
    Le_Roux Cousin Germain Breton Besson Langlois Rémy Le_Goff Pelletier Lévêque Perrier
    Leblanc Barré Lebrun Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodriguez
    Guichard Gillet Étienne Grondin Poulain Tessier Chevallier Collin Chauvin Da_Silva Bouchet
    Gay Lemaître Bénard Maréchal Humbert Reynaud Antoine Hoarau Perret Barthélemy Cordier
    Pichon Lejeune Gilbert Lamy Delaunay Pasquier Carlier Laporte"""
)
MALE_FIRST_NAMES = _words(
    """Jean Pierre Michel André Philippe Alain Bernard Jacques Daniel Christian Patrick Gérard
    Claude Dominique Thierry Éric Pascal Frédéric Christophe Laurent Stéphane Olivier Nicolas
    David Sébastien Julien Jérôme Franck Didier Serge Joël Marc Gilles Bruno Denis Yves François
    Patrice Jean-Pierre Jean-Claude Jean-Luc Jean-Marc Jean-Louis Jean-François Jean-Paul
    Jean-Michel Roger René Robert Henri Louis Marcel Georges Guy Maurice Raymond Paul Lucien
    Roland Hervé Vincent Emmanuel Cédric Fabrice Ludovic Mickaël Anthony Guillaume Mathieu
    Romain Benjamin Alexandre Thomas Maxime Kevin Jonathan Florian Antoine Arnaud Damien Yannick
    Cyril Jérémy Loïc Xavier Sylvain Régis Lionel Gilbert Karim Mohamed Ahmed Rachid Mehdi Samir
    Manuel José Antonio Fabien Grégory Hugo Quentin Benoît Jean-Jacques Bertrand Rémi"""
)
FEMALE_FIRST_NAMES = _words(
    """Marie Nathalie Isabelle Sylvie Catherine Martine Christine Françoise Monique Valérie
    Sandrine Véronique Nicole Stéphanie Patricia Brigitte Chantal Céline Anne Jacqueline Aurélie
    Julie Sophie Virginie Corinne Laurence Dominique Danielle Michèle Annie Hélène Karine
    Christiane Josiane Émilie Caroline Élodie Laetitia Claire Florence Sabrina Audrey Mélanie
    Anne-Marie Marie-Christine Marie-Claude Marie-France Jeanne Denise Simone Yvette Colette
    Odile Éliane Évelyne Agnès Béatrice Pascale Muriel Carole Delphine Cécile Emmanuelle
    Séverine Nadia Fatima Samia Sarah Laura Camille Marion Pauline Charlotte Mathilde Amandine
    Jessica Vanessa Magali Nadine Ghislaine Josette Paulette Yvonne Geneviève Bernadette
    Marcelle Suzanne Lucie Manon Elsa Alice Justine Anaïs Coralie Gaëlle Marine Maryse Solange
    Fabienne Estelle Gisèle Joëlle Marie-Thérèse Annick"""
)
STREETS: tuple[str, ...] = (
    "de la République",
    "Victor Hugo",
    "Jean Jaurès",
    "de la Gare",
    "du Général de Gaulle",
    "Pasteur",
    "de l'Église",
    "des Écoles",
    "du Moulin",
    "de la Mairie",
    "Gambetta",
    "Carnot",
    "de Verdun",
    "de la Liberté",
    "des Lilas",
    "du Château",
    "Voltaire",
    "Émile Zola",
    "de Paris",
    "du Stade",
    "de la Paix",
    "des Tilleuls",
    "du 8 Mai 1945",
    "du 11 Novembre",
    "Saint-Martin",
    "de la Fontaine",
    "des Acacias",
    "du Port",
    "Jules Ferry",
    "du Maréchal Foch",
    "des Vignes",
    "du Marché",
    "Principale",
    "Anatole France",
    "Lamartine",
    "du Commerce",
    "de la Croix",
    "des Peupliers",
)
_STREET_TYPES = ("rue",) * 11 + ("avenue",) * 3 + ("boulevard", "place", "chemin", "impasse")
_EMAIL_DOMAINS = ("example.fr", "example.fr", "example.com", "example.net")
# Regulated professions that the auto-entrepreneur status excludes.
_NO_AUTO_ENTREPRENEUR = frozenset({"professions de santé", "professions juridiques"})


def required_quarters(birth_year: int) -> int:
    """Quarters needed for a full-rate pension, by generation (lois 2003, 2010 and their
    decrees: 160 up to 1948, then one more per generation to 164 for 1952, …)."""
    if birth_year <= 1948:
        return 160
    if birth_year <= 1952:
        return 160 + birth_year - 1948
    if birth_year <= 1954:
        return 165
    if birth_year <= 1957:
        return 166
    return min(172, 167 + (birth_year - 1958) // 3)


def _age_weight(age: int) -> float:
    """Relative frequency of an age: few under 25, a plateau for the baby-boom generations
    (ages 46 to 66, i.e. born 1945 to 1965 in 2011, each ~2.7 % of the population, the EIG
    cohorts among them), a short tail past 66 (most are retired and many no longer insured)."""
    if age < 25:
        return 0.1 + 0.12 * (age - 18)
    if age < 46:
        return 1.0 + 0.06 * (age - 25)
    if age <= 66:
        return 2.8
    return max(0.2, 1.0 - 0.07 * (age - 67))


def _retired_probability(age: int) -> float:
    """Retirement at 60 was the rule until the 2010 reform; a few long careers leave before."""
    if age < 55:
        return 0.0
    if age < 60:
        return 0.03
    if age < 65:
        return 0.25 + 0.07 * (age - 60)
    if age < 67:
        return 0.6
    return 0.8


def _ascii_slug(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if c.isalnum() or c == "-")


class _Department(NamedTuple):
    nir_code: str  # the NIR's 2 characters: "75", "2A", "97" for every overseas department
    key_offset: int  # the department's weight in the control key's 13-digit number
    commune_base: int  # 100 x the 3rd digit overseas (971 → communes 1xx), else 0
    grid: int  # communes x 999 orders
    landline: str
    mobiles: tuple[str, ...]
    places: tuple[tuple[str, str], ...]  # (postcode, city)


def _department(code: str, caisse: str, places: str) -> _Department:
    parsed = tuple((p[:5], p[6:]) for p in places.split(";"))
    if len(code) == 3:
        landline, mobiles = _OVERSEAS_PHONES[code]
        return _Department(
            "97", 97_000_000, 100 * int(code[2]), 50 * 999, landline, mobiles, parsed
        )
    key_offset = int(_CORSICA_KEY_DIGITS.get(code, code)) * 1_000_000
    mobiles = ("06", "06", "06", "07")
    return _Department(code, key_offset, 0, 899 * 999, _ZONE[caisse], mobiles, parsed)


def _cumulative(weights: Sequence[float]) -> list[float]:
    """Cumulative weights scaled to end at 1.0, for ``bisect(table, rng.random())``."""
    running = list(accumulate(weights))
    total = running[-1]
    return [w / total for w in running]


_DEPT_OBJECTS = tuple(_department(code, caisse, places) for code, caisse, _, places in _DEPARTMENTS)


def _caisse_departments(code: str) -> list[int]:
    """Indexes into _DEPARTMENTS of the departments a caisse's insured live in. Libéraux of
    Île-de-France go to PLIDF, those of the other mainland departments to PLPROVINCES, except
    Corsica's (left out so that a 2A/2B NIR always means RSI Corse)."""
    if code == "PLIDF":
        return [i for i, d in enumerate(_DEPARTMENTS) if d[1].startswith("IDF")]
    if code == "PLPROVINCES":
        return [
            i
            for i, (department, caisse, _, _) in enumerate(_DEPARTMENTS)
            if len(department) == 2 and not caisse.startswith("IDF") and caisse != "CORSE"
        ]
    return [i for i, d in enumerate(_DEPARTMENTS) if d[1] == code]


class _Caisse(NamedTuple):
    code: str
    liberal: bool
    border: bool
    departments: tuple[int, ...]
    department_table: list[float]


def _caisse(code: str) -> _Caisse:
    departments = _caisse_departments(code)
    return _Caisse(
        code,
        code in LIBERAL_CAISSES,
        code in _BORDER_CAISSES,
        tuple(departments),
        _cumulative([_DEPARTMENTS[i][2] for i in departments]),
    )


_CAISSE_OBJECTS = tuple(_caisse(c.code) for c in CAISSES)
_CAISSE_TABLE = _cumulative([_CAISSE_WEIGHTS[c.code] for c in CAISSES])


def _activity_table(group: str) -> tuple[list[tuple[str, str, bool]], list[float]]:
    """(category, NAF code, may be auto-entrepreneur) choices of a group with cumulative
    weights; within a category the first codes are the most frequent."""
    choices: list[tuple[str, str, bool]] = []
    weights: list[float] = []
    for category in CATEGORIES:
        if category.group != group:
            continue
        codes = category.activity_codes
        code_weights = [len(codes) - k + 1 for k in range(len(codes))]
        total = sum(code_weights)
        for code, weight in zip(codes, code_weights, strict=True):
            choices.append((category.name, code, category.name not in _NO_AUTO_ENTREPRENEUR))
            weights.append(category.weight * weight / total)
    return choices, _cumulative(weights)


_ACTIVITIES = {group: _activity_table(group) for group in ("artisan", "commercant", "liberal")}
# Share of men, by professional group.
_MEN_SHARE = {"artisan": 0.82, "commercant": 0.63, "liberal": 0.52}
_FIRST_NAMES = {1: MALE_FIRST_NAMES, 2: FEMALE_FIRST_NAMES}
_SLUGS = {name: _ascii_slug(name) for name in LAST_NAMES + MALE_FIRST_NAMES + FEMALE_FIRST_NAMES}

# Affine bijection of Z_M used to spread a bucket's counter over its (commune, order) grid;
# the multiplier is a prime that divides neither grid size (899 x 999 and 50 x 999).
_MULTIPLIER = 7919
_OFFSET_STEP = 104_729


def iter_population_rows(
    size: int, seed: int = DEFAULT_SEED, year: int = DEFAULT_YEAR
) -> Iterator[list[str]]:
    """Yields ``size`` rows (lists of strings in IMPORT_COLUMNS order) of a synthetic
    population as of ``year``; deterministic for a given (size, seed, year)."""
    if size < 0:
        raise ValueError("size must not be negative")
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    rand = rng.random

    years = list(range(year - MAX_AGE, year - MIN_AGE + 1))  # oldest first
    n_years = len(years)
    year_table = _cumulative([_age_weight(year - y) for y in years])
    retired_by_year = [_retired_probability(year - y) for y in years]
    required_by_year = [required_quarters(y) for y in years]
    first_day = {y: date(y, 1, 1).toordinal() for y in range(year - MAX_AGE, year + 2)}
    month_days = [
        (date(y + (m == 12), m % 12 + 1, 1) - date(y, m, 1)).days
        for y in years
        for m in range(1, 13)
    ]
    year_start, year_end = first_day[year], first_day[year + 1] - 1
    ae_start = AUTO_ENTREPRENEUR_START.toordinal()
    fromordinal = date.fromordinal
    # Per (birth year, month): the first day's ordinal and "YYYY-MM-"; per (sex, year, month):
    # the NIR's first 5 characters.
    month_ordinals = [date(y, m, 1).toordinal() for y in years for m in range(1, 13)]
    month_isos = [f"{y}-{m:02d}-" for y in years for m in range(1, 13)]
    nir_heads = [
        f"{sex}{y % 100:02d}{m:02d}" for sex in (1, 2) for y in years for m in range(1, 13)
    ]
    nir_head_values = [int(head) * 100_000_000 for head in nir_heads]
    days = [f"{d:02d}" for d in range(32)]

    n_depts = len(_DEPT_OBJECTS)
    counters = [0] * (2 * n_years * 12 * n_depts)
    caisses, caisse_table = _CAISSE_OBJECTS, _CAISSE_TABLE
    activities, men_share = _ACTIVITIES, _MEN_SHARE
    last_names, first_names, slugs = LAST_NAMES, _FIRST_NAMES, _SLUGS
    n_last = len(last_names)

    def window(lo: int, hi: int, adult: int) -> int:
        """A day uniformly drawn in [lo, hi], moved to [adult, year end] if before 18."""
        lo = max(lo, adult)
        if lo > hi:
            lo, hi = adult, year_end
        return lo + int(rand() * (hi - lo + 1))

    for _ in range(size):
        caisse = caisses[bisect(caisse_table, rand())]
        dept_index = caisse.departments[bisect(caisse.department_table, rand())]
        dept = _DEPT_OBJECTS[dept_index]
        group = "liberal" if caisse.liberal else "artisan" if rand() < 0.45 else "commercant"
        choices, table = activities[group]
        category, activity_code, ae_allowed = choices[bisect(table, rand())]
        sex = 1 if rand() < men_share[group] else 2

        year_index = bisect(year_table, rand())
        birth_year = years[year_index]
        month_index = year_index * 12 + int(rand() * 12)
        day = 1 + int(rand() * month_days[month_index])
        age = year - birth_year
        # 18 years hold at most 5 leap days.
        adult = min(month_ordinals[month_index] + day - 1 + 6575, year_end)

        head_index = (sex - 1) * n_years * 12 + month_index
        bucket = head_index * n_depts + dept_index
        count = counters[bucket]
        counters[bucket] = count + 1
        if count >= dept.grid:
            raise ValueError("population too large for unique NIRs")
        position = (count * _MULTIPLIER + bucket * _OFFSET_STEP) % dept.grid
        tail = (dept.commune_base + 1 + position // 999) * 1000 + 1 + position % 999
        head = nir_heads[head_index]
        key = 97 - (nir_head_values[head_index] + dept.key_offset + tail) % 97
        nir = f"{head}{dept.nir_code}{tail:06d}{key:02d}"

        roll = rand()
        retired = retired_by_year[year_index]
        if roll < retired:
            status = "retired"
            created = window(first_day[birth_year + 20], first_day[birth_year + 45], adult)
            created = min(created, year_start - 1)
            auto_entrepreneur = False
        else:
            if roll < retired + (1 - retired) * 0.058:
                status, ae_share = "struck_off", 0.6
                if rand() < 0.35:  # many of the struck off are recent (auto-)entrepreneurs
                    created = window(max(ae_start, first_day[year - 2]), year_end, adult)
                else:
                    created = window(adult, first_day[year - 2] - 1, adult)
            else:
                status, ae_share = "active", 0.76
                draw = rand()
                if draw < 0.335:  # creators of the year, then of each of the two years before
                    back = 0 if draw < 0.085 else (1 if draw < 0.215 else 2)
                    created = window(first_day[year - back], first_day[year - back + 1] - 1, adult)
                else:
                    created = window(adult, first_day[year - 2] - 1, adult)
            auto_entrepreneur = ae_allowed and created >= ae_start and rand() < ae_share
        affiliated = created if rand() < 0.5 else min(created + 1 + int(rand() * 20), year_end)

        required = required_by_year[year_index]
        if rand() < (0.33 if age >= 50 else 0.25):
            validated = required - 1 - int(rand() ** 2 * 40)
        elif rand() < 0.85:
            validated = required
        else:
            validated = required + 1 + int(rand() * 8)

        last_name = last_names[int(rand() * n_last)]
        names = first_names[sex]
        first_name = names[int(rand() * len(names))]
        email = ""
        if rand() < 0.6:
            first, last = slugs[first_name], slugs[last_name].replace(" ", "")
            style = rand()
            if style < 0.5:
                local = f"{first}.{last}"
            elif style < 0.7:
                local = f"{first[0]}{last}"
            else:
                local = f"{first}.{last}{1 + int(rand() * 99)}"
            email = f"{local}@{_EMAIL_DOMAINS[int(rand() * 4)]}"
        phone = ""
        if rand() < 0.7:
            if rand() < 0.6:
                prefix = dept.mobiles[int(rand() * len(dept.mobiles))]
            else:
                prefix = dept.landline
            digits = 10 - len(prefix)
            low = 10 ** (digits - 1)
            phone = f"{prefix}{low + int(rand() * 9 * low)}"
        address_line = postcode = city = ""
        if rand() < 0.99:
            postcode, city = dept.places[int(rand() * len(dept.places))]
            street_type = _STREET_TYPES[int(rand() * len(_STREET_TYPES))]
            number = "" if street_type == "place" and rand() < 0.5 else f"{1 + int(rand() * 150)} "
            address_line = f"{number}{street_type} {STREETS[int(rand() * len(STREETS))]}"

        conjoint = rand() < (0.08 if sex == 2 else 0.022)
        cross_border = rand() < (0.08 if caisse.border else 0.01)
        eirl = rand() < 0.02
        invalidity = rand() < 0.015
        opt_out = rand() < 0.015

        yield [
            nir,
            last_name,
            first_name,
            str(sex),
            month_isos[month_index] + days[day],
            email,
            phone,
            address_line,
            postcode,
            city,
            caisse.code,
            group,
            activity_code,
            category,
            status,
            "true" if auto_entrepreneur else "false",
            fromordinal(created).isoformat(),
            fromordinal(affiliated).isoformat(),
            str(validated),
            str(required),
            "true" if conjoint else "false",
            "true" if cross_border else "false",
            "true" if eirl else "false",
            "true" if invalidity else "false",
            "true" if opt_out else "false",
        ]


def write_population(
    path: Path,
    size: int,
    seed: int = DEFAULT_SEED,
    year: int = DEFAULT_YEAR,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Writes a population CSV (header = IMPORT_COLUMNS) by chunks, calling ``progress`` with
    the rows written so far at every tenth of ``size`` and at the end. The file appears only
    when complete (written beside it, then renamed)."""
    rows = iter_population_rows(size, seed, year)
    step = max(1, -(-size // 10))
    chunk_size = min(_CHUNK, step)
    next_report = step
    written = 0
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(IMPORT_COLUMNS)
            while chunk := list(islice(rows, chunk_size)):
                writer.writerows(chunk)
                written += len(chunk)
                if progress is not None and (written >= next_report or written == size):
                    progress(written)
                    next_report = (written // step + 1) * step
            if progress is not None and size == 0:
                progress(0)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
