"""GigaTracker: a local-first desktop portfolio tracker for investors who invest by thesis."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("gigatracker")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
