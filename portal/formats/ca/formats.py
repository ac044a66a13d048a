# Catalan elides "de" before a vowel: "3 d’octubre de 2024", "3 de novembre de 2024". The
# month names after a day ("d’octubre") come from portal/formats/months.py; the rest is
# Django's Catalan formats.
DATE_FORMAT = r"j E \d\e Y"
DATETIME_FORMAT = r"j E \d\e Y, G:i"
MONTH_DAY_FORMAT = "j E"
