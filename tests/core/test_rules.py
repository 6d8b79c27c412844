"""Rules as words (core/rules.py)."""
from gigatracker.core.rules import Rule, rule_in_words


def test_rules_in_words():
    """Issue 20 (7): a rule as a person says it, not its internal form ("theme[Thesis] … max 25%")."""
    assert rule_in_words(Rule("theme", "Inference era/AI gigafactories", 2500, taxonomy="Thesis")) == \
        "AI gigafactories (Thesis) at most 25% of the portfolio"
    assert rule_in_words(Rule("theme", "Inference era", 7000, 4000, taxonomy="Thesis")) == \
        "Inference era (Thesis) between 40% and 70% of the portfolio"
    assert rule_in_words(Rule("position", "NVDA", 1500)) == "NVDA (one position) at most 15% of the portfolio"
    assert rule_in_words(Rule("country", "TW", min_bp=1250)) == "Country TW at least 12.5% of the portfolio"
