"""The frozen app's entry point: the same `gigatracker` command (window, CLI, --self-test)."""
from gigatracker.__main__ import main

main()
