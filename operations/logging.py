"""JSON log lines: one object per line, for Django's logs and gunicorn's error and access logs."""

from pythonjsonlogger.json import JsonFormatter

# gunicorn's access-log atoms -> field names in the JSON line. The query string ("q") is left
# out on purpose: it can carry tokens.
ACCESS_FIELDS = {
    "h": "remote_addr",
    "m": "method",
    "U": "path",
    "H": "protocol",
    "s": "status",
    "B": "response_bytes",
    "M": "duration_ms",
    "a": "user_agent",
}


class JsonLineFormatter(JsonFormatter):
    """The project's one JSON shape: level, logger, message and an ISO 8601 UTC ``time``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        super().__init__(*args, **kwargs)


class GunicornAccessFormatter(JsonLineFormatter):
    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        atoms = record.args if isinstance(record.args, dict) else {}
        for atom, field in ACCESS_FIELDS.items():
            value = atoms.get(atom)
            if value not in (None, "-"):
                log_data[field] = int(value) if field in {"status", "duration_ms"} else value
