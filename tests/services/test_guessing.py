"""The wizard's suggestions, without Qt: what it proposes for files it has not seen, and the mapping file it
writes, which the CLI's reader accepts back unchanged."""
import tomllib

import pytest

from gigatracker.core.ledger import TxType
from gigatracker.services.importers import guessing
from gigatracker.services.importers.mapping import mapping_from_dict


def test_encoding_and_delimiter():
    french = "Date;Opération;Montant\n02/01/2025;Achat;1 234,56\n".encode("cp1252")
    assert guessing.suggest_encoding(french) == "cp1252"
    assert guessing.suggest_encoding("Opération".encode("utf-8")) == "utf-8"
    assert guessing.suggest_delimiter(guessing.decode(french, "cp1252")) == ";"
    assert guessing.suggest_delimiter("a,b,c\n1,2,3\n") == ","
    with pytest.raises(ValueError, match="line 1 is not valid utf-8"):
        guessing.decode(french, "utf-8")


@pytest.mark.parametrize("samples, expected", [
    (["1 234,56", "12,5"], (",", " ")), (["1.234,56"], (",", ".")), (["1,234.56", "3"], (".", ",")),
    (["150.20", "3"], (".", "")), (["150,20"], (",", ""))])
def test_number_format(samples, expected):
    assert guessing.guess_number_format(samples) == expected


def test_date_format_prefers_day_first_and_reads_every_sample():
    assert guessing.guess_date_format(["02/01/2025", "15/01/2025"]) == "%d/%m/%Y"
    assert guessing.guess_date_format(["01/15/2025"]) == "%m/%d/%Y"
    assert guessing.guess_date_format(["2025-01-15"]) == "%Y-%m-%d"


def test_columns_and_types():
    header = ["Trade Date", "Action", "Symbol", "Description", "Quantity", "Price", "Fees & Comm", "Amount"]
    assert guessing.guess_columns(header) == {"date": "Trade Date", "type": "Action", "symbol": "Symbol",
                                              "quantity": "Quantity", "price": "Price", "amount": "Amount",
                                              "fees": "Fees & Comm", "name": "Description"}
    assert [guessing.guess_type(w) for w in ("Achat", "Verkauf", "Qualified Dividend", "Cadeau")] == [
        TxType.BUY, TxType.SELL, TxType.DIVIDEND, None]


def test_the_saved_mapping_reads_back_as_chosen():
    data = guessing.mapping_dict(delimiter=";", encoding="cp1252", decimal=",", thousands="\u202f",
                                 date_format="%d/%m/%Y", skip_rows=1,
                                 columns={"date": "Date", "type": 'Opé "ration"', "symbol": "Valeur"},
                                 types={"Achat": TxType.BUY, "Vente à découvert": TxType.SELL},
                                 defaults={"currency": "EUR"})
    text = guessing.mapping_toml(data)
    mapping = mapping_from_dict(tomllib.loads(text), "saved.toml")
    assert guessing.mapping_to_dict(mapping) == data
