"""The network's facts as the about page shows them: each with the sources it was read in.

A fact is shown only when it has a value and at least one source; a partner's budget only when
it was published (an empty budget stays empty, never a share of the total)."""

from dataclasses import dataclass, field
from decimal import Decimal

from .models import City, FactSource, Network
from .selectors import partner_cities, sources_of


@dataclass
class PartnerFacts:
    city: City
    budget: Decimal | None = None
    erdf_rate: Decimal | None = None
    erdf_amount: Decimal | None = None
    sources: list[FactSource] = field(default_factory=list)


@dataclass
class NetworkFacts:
    network: Network
    sources: dict[str, list[FactSource]]
    lead_partner: City | None
    partners: list[PartnerFacts]

    @property
    def known_budgets(self) -> list[PartnerFacts]:
        return [partner for partner in self.partners if partner.budget is not None]


def network_facts(*, network: Network) -> NetworkFacts:
    """Two queries: the partners and the sources."""
    sources = sources_of(network=network)
    network_sources = {fact: found for (city, fact), found in sources.items() if city is None}
    cities = list(partner_cities(network=network))
    partners = []
    for city in cities:
        cited = sources.get((city.pk, FactSource.Fact.CITY_BUDGET), [])
        partner = PartnerFacts(city=city, sources=cited)
        if cited and city.budget is not None:
            partner.budget = city.budget
            partner.erdf_rate = city.erdf_rate
            partner.erdf_amount = city.erdf_amount
        partners.append(partner)
    lead = next((city for city in cities if city.is_lead_partner), None)
    return NetworkFacts(
        network=network, sources=network_sources, lead_partner=lead, partners=partners
    )
