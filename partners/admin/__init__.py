from partners.admin import geography, organisations, plans, prg  # noqa: F401  (each registers its models)
