"""Qt widgets and models only."""
