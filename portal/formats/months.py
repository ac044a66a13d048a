"""The month names a date uses after the day (the ``E`` date format), as the project's
catalogues give them: Greek in the genitive ("Οκτωβρίου"), Italian in lower case
("ottobre"), Catalan with its "de"/"d’" ("d’octubre"). Django's own catalogues give the bare
name in some languages; the project's catalogues come first, and these entries keep them there.
"""

from django.utils.translation import pgettext_lazy

MONTHS_AFTER_DAY = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
