"""Invented bilingual text for benchmark data: each Greek sentence says what the English says."""

import random

SUBJECTS = [
    ("The city council", "Το δημοτικό συμβούλιο"),
    ("The local group", "Η τοπική ομάδα"),
    ("The neighbourhood forum", "Το φόρουμ της γειτονιάς"),
    ("The municipal police", "Η δημοτική αστυνομία"),
    ("The youth centre", "Το κέντρο νεότητας"),
    ("The transfer team", "Η ομάδα μεταφοράς"),
    ("The school board", "Η σχολική επιτροπή"),
    ("The residents' association", "Ο σύλλογος κατοίκων"),
]
VERBS = [
    ("maps", "χαρτογραφεί"),
    ("reviews", "εξετάζει"),
    ("tests", "δοκιμάζει"),
    ("presents", "παρουσιάζει"),
    ("improves", "βελτιώνει"),
    ("plans", "σχεδιάζει"),
    ("discusses", "συζητά"),
    ("measures", "μετρά"),
]
OBJECTS = [
    ("the lighting of public squares", "τον φωτισμό των πλατειών"),
    ("the safe walking routes", "τις ασφαλείς διαδρομές πεζών"),
    ("the reports of residents", "τις αναφορές των κατοίκων"),
    ("the night-time bus stops", "τις νυχτερινές στάσεις λεωφορείων"),
    ("the school entrances", "τις εισόδους των σχολείων"),
    ("the empty shop fronts", "τις άδειες βιτρίνες"),
    ("the map of incidents", "τον χάρτη των συμβάντων"),
    ("the mobile reporting app", "την εφαρμογή αναφορών"),
    ("the small parks", "τα μικρά πάρκα"),
    ("the market street", "τον δρόμο της λαϊκής αγοράς"),
]
PLACES = [
    ("in the old town", "στην παλιά πόλη"),
    ("near the port", "κοντά στο λιμάνι"),
    ("with the residents", "μαζί με τους κατοίκους"),
    ("before the summer", "πριν από το καλοκαίρι"),
    ("around the station", "γύρω από τον σταθμό"),
    ("in every district", "σε κάθε συνοικία"),
    ("after dark", "μετά τη δύση του ηλίου"),
    ("with local shops", "μαζί με τα τοπικά καταστήματα"),
]
TOWN_PARTS = [
    ("North", "Βόρεια"),
    ("South", "Νότια"),
    ("East", "Ανατολική"),
    ("West", "Δυτική"),
    ("New", "Νέα"),
    ("Old", "Παλαιά"),
    ("Upper", "Άνω"),
    ("Lower", "Κάτω"),
]
TOWN_NAMES = [
    ("Harbour", "Αποβάθρα"),
    ("Bridge", "Γέφυρα"),
    ("Field", "Πεδιάδα"),
    ("Hill", "Πλαγιά"),
    ("Spring", "Πηγή"),
    ("Meadow", "Λιβάδα"),
    ("Cove", "Ακτή"),
    ("Market", "Αγορά"),
    ("Gate", "Πύλη"),
    ("Grove", "Λόχμη"),
]
PRACTICE_NAMES = [
    ("Safety walks", "Περίπατοι ασφάλειας"),
    ("Incident map", "Χάρτης συμβάντων"),
    ("Neighbourhood wardens", "Φύλακες γειτονιάς"),
    ("Lighting audit", "Έλεγχος φωτισμού"),
    ("Youth patrols", "Περιπολίες νέων"),
    ("Reporting app", "Εφαρμογή αναφορών"),
    ("Safe schools route", "Ασφαλής διαδρομή σχολείων"),
    ("Night market", "Νυχτερινή αγορά"),
]


class Writer:
    """Deterministic text: the same seed writes the same dataset."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def pick(self, pairs):
        return self.random.choice(pairs)

    def sentence(self) -> tuple[str, str]:
        parts = [self.pick(SUBJECTS), self.pick(VERBS), self.pick(OBJECTS), self.pick(PLACES)]
        return (
            " ".join(en for en, _ in parts) + ".",
            " ".join(el for _, el in parts) + ".",
        )

    def paragraph(self, sentences: int) -> tuple[str, str]:
        pairs = [self.sentence() for _ in range(sentences)]
        return " ".join(en for en, _ in pairs), " ".join(el for _, el in pairs)

    def body(self, paragraphs: int) -> tuple[str, str]:
        pairs = [self.paragraph(self.random.randint(3, 6)) for _ in range(paragraphs)]
        return (
            "".join(f"<p>{en}</p>" for en, _ in pairs),
            "".join(f"<p>{el}</p>" for _, el in pairs),
        )

    def title(self) -> tuple[str, str]:
        """A headline: who does what, without the closing full stop."""
        parts = [self.pick(SUBJECTS), self.pick(VERBS), self.pick(OBJECTS)]
        return " ".join(en for en, _ in parts), " ".join(el for _, el in parts)

    def town(self, number: int) -> tuple[str, str]:
        (part_en, part_el), (name_en, name_el) = self.pick(TOWN_PARTS), self.pick(TOWN_NAMES)
        return f"{part_en} {name_en} {number}", f"{part_el} {name_el} {number}"

    def practice(self, number: int) -> tuple[str, str]:
        en, el = self.pick(PRACTICE_NAMES)
        return f"{en} {number}", f"{el} {number}"
