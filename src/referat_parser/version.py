"""The package version, kept in one place (also recorded in every output)."""

__version__ = "0.1.0"
