"""Importers: CSV with TOML mapping files, price files."""
