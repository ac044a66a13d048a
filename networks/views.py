from django.shortcuts import render

from .selectors import network_directory


def directory(request):
    """Every network of the portal, linking to each one's own site; ended ones as archives."""
    return render(request, "networks/directory.html", {"directory": network_directory()})
