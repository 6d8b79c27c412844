"""Packaged resources: demo book data, icons, translations."""
