# Amounts as Spain writes them: "1.234,56 €" (Django's Spanish formats group with a space).
# What is not set here comes from Django's Spanish formats ("3 de octubre de 2024").
THOUSAND_SEPARATOR = "."
