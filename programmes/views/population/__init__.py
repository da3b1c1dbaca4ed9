"""The population pages."""
