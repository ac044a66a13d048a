# Italian writes the month in lower case after the day: "3 ottobre 2024" (Django's own
# Italian formats say "03 Ottobre 2024"). The month names after a day come from
# portal/formats/months.py. What is not set here comes from Django's Italian formats.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
MONTH_DAY_FORMAT = "j E"
