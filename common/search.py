from django.conf import settings


def document_columns(prefix: str = "") -> list[str]:
    """The stored search documents' columns, for ``defer()`` (``prefix``: a relation path and
    "__"): only the site search reads them, and they are the widest columns of their rows."""
    return [f"{prefix}search_{code}" for code, _name in settings.LANGUAGES]
