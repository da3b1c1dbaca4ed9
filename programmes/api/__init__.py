"""The programmes app's REST API: strategy reference data, programmes, milestones and indicators.

The viewsets are registered in ``vru.api_urls``, the one place the API is assembled.
"""
