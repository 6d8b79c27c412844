"""Pure domain: no Qt, no I/O."""
