from django.views.generic import TemplateView

from cities.selectors import current_network, partner_cities


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = current_network()
        context["cities"] = partner_cities(network=network) if network else []
        return context
