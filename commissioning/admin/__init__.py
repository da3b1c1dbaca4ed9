from commissioning.admin import applications, assessment, grants, returns, rounds  # noqa: F401  (each registers its models)
