"""Words as their readers type them: accented in lower case, and without accents in capitals
and in lower case. Shared by the PostgreSQL and the SQLite search tests."""

# language: (a title in that language, [(accented, CAPITALS WITHOUT ACCENTS, lower without)])
WORDS = {
    "el": (
        "Ασφάλεια στις γειτονιές του Πειραιά",
        [("ασφάλεια", "ΑΣΦΑΛΕΙΑ", "ασφαλεια"), ("γειτονιές", "ΓΕΙΤΟΝΙΕΣ", "γειτονιες")],
    ),
    "lv": (
        "Drošība apkaimēs un ģimeņu atbalsts",
        [("drošība", "DROSIBA", "drosiba"), ("ģimeņu", "GIMENU", "gimenu")],
    ),
    "hu": (
        "Közösségi kertek és szomszédsági őrség",
        [("közösségi", "KOZOSSEGI", "kozossegi"), ("őrség", "ORSEG", "orseg")],
    ),
    "ca": (
        "Col·laboració veïnal i participació a Manresa",
        [("veïnal", "VEINAL", "veinal"), ("participació", "PARTICIPACIO", "participacio")],
    ),
}
