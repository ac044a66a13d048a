"""What a seed created, by label, for the command's summary ("nothing new" on a second run)."""

from dataclasses import dataclass, field


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, label: str, created: bool) -> None:
        if created:
            self.created[label] = self.created.get(label, 0) + 1
