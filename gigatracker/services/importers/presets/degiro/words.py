"""The words of DEGIRO's account statement in each language it exports (NL, EN, DE, FR, ES, PT, IT), and
across its years: the header's first columns, a trade's description, a corporate action's prefix, and what
every other row is. Patterns are matched on the lower-cased description; the first that matches wins, so
the specific ones (a currency conversion, a cash sweep) come before the general (a withdrawal, a fee)."""
from __future__ import annotations

import re

DATE_COLUMN = {"datum", "date", "data", "fecha"}
TIME_COLUMN = {"tijd", "time", "heure", "uhrzeit", "uhrze", "hora", "ora"}  # German exports truncate it: "Uhrze"

BUY_WORDS = {"koop", "buy", "achat", "kauf", "compra", "acquisto"}
SELL_WORDS = {"verkoop", "sell", "vente", "verkauf", "venta", "venda", "vendita"}
_SIDE = "|".join(sorted(BUY_WORDS | SELL_WORDS, key=len, reverse=True))
# "Koop 10 @ 12,3 EUR" (older), "Achat 6 AIR LIQUIDE@79,96 EUR (FR0000120073)" (newer: the product's name and
# ISIN), "Kauf 41 zu je 10,5 EUR (DE000A14KEB5)"; a corporate action prefixes it: "ISIN CHANGE: Buy …".
TRADE = re.compile(
    rf"^(?:(?P<action>[^:@]{{2,80}}):\s*)?(?P<side>{_SIDE})\s+(?P<quantity>\d[\d.,]*)"
    r"(?:\s+(?P<name>.*?))?\s*(?:@|\bzu je\b|\bat\b|\bà\b)\s*(?P<price>-?\d[\d.,]*)\s*(?P<currency>[A-Za-z]{3})"
    r"(?:\s*\((?P<isin>[A-Z]{2}[A-Z0-9]{9}\d)\))?\s*$", re.IGNORECASE)

# A trade's prefix: DEGIRO's money-market cash fund (its units are cash to the user), or a corporate action.
CASH_FUND = re.compile(r"money ?market|geldmarkt|fonds? mon[eé]taire|fondo (del mercado )?monetario|"
                       r"fundo monet[aá]rio|fondo monetario|cash fund", re.IGNORECASE)
CORPORATE_ACTION = re.compile(
    r"isin|product ?(change|wijziging)|produkt(änderung|wechsel)|changement de produit|cambio de producto|"
    r"split|splitsing|fractionnement|regroupement|desdoblamiento|frazionamento|raggruppamento|desdobramento|"
    r"grupamento|zusammenlegung|stock ?dividend|aandelendividend|aktiendividende|dividende en actions|"
    r"dividendo (en|in|em) ac?(ciones|zioni|ções)|scrip|bonus|spin[- ]?off|afsplitsing|abspaltung|scission|"
    r"escisi[oó]n|scissione|cis[aã]o|merger|fusie|fusion|fusi[oó]n|fusione|fus[aã]o|verschmelzung|"
    r"take[- ]?over|overname|übernahme|tender|corporate action|bedrijfsactie|kapitalma[sß]+nahme|"
    r"op[eé]ration sur titres|operaci[oó]n corporativa|delist|schrapping|d[ée]cotation", re.IGNORECASE)

# (pattern, kind), checked in order.
KINDS = [
    (r"valuta ?(creditering|debitering)|fx (credit|debit|withdrawal|deposit)|opération de change|"
     r"währungswechsel|cambio de divisa|câmbio de divisa|cambio valuta|conversione valuta|conversão de moeda|"
     r"change de devises?|autofx", "fx"),
    (r"cash sweep|geldrekening|geldkonto|cash account|compte esp[eè]ces|cuenta de efectivo|conta de dinheiro|"
     r"conta corrente flatex|conto (di liquidit[aà]|corrente) flatex", "sweep"),
    (r"transactiekosten|transaction (and/or third party )?(fees?|costs?)|frais de (courtage|transaction)|"
     r"transaktionsgeb[üu]hr|transaktionskosten|costes de transacci[oó]n|comisi[oó]n de (compra|venta|"
     r"transacci[oó]n)|comiss(ões|ão) de transa[cç][aã]o|custos? de transa[cç][aã]o|commissioni di "
     r"transazione|costi di transazione", "trade_fee"),
    (r"meegekochte rente|accrued interest|intérêts courus|st[üu]ckzinsen|intereses (corridos|devengados)|"
     r"juros corridos|rateo", "trade_fee"),
    (r"transactiebelasting|financial transaction tax|taxe sur les transactions|stamp duty|"
     r"finanztransaktionssteuer|impuesto sobre (las )?transacciones|imposto (sobre|de) transa|"
     r"imposta sulle transazioni|tobin", "trade_tax"),
    (r"dividendbelasting|dividend ?tax|imp[ôo]ts? sur (le )?dividende|withholding|dividendensteuer|"
     r"quellensteuer|retenci[oó]n (del|de) dividendo|imposto sobre (o )?dividendo|ritenuta sul dividendo|"
     r"reten[cç][aã]o", "dividend_tax"),
    (r"^dividend(e|o|en)?$|^dividend\b|^dividende\b|^dividendo\b|kapitaalsuitkering|capital return|"
     r"kapitalr[üu]ckzahlung|remboursement de capital|devoluci[oó]n de capital|devolu[cç][aã]o de capital|"
     r"rimborso di capitale|fund distribution|distributie|aussch[üu]ttung|distribution|distribuci[oó]n|"
     r"distribui[cç][aã]o|distribuzione", "dividend"),
    (r"promoti|promotion|promoci[oó]n|promo[cç][aã]o|promozione|courtesy|compensati|compensaci|compensa[cç]|"
     r"vergoeding|kulanz|geste commercial|gutschrift|bonifica|bonificaci", "courtesy"),
    (r"(?<!terug)storting|deposit|dépôt|versement|einzahlung|ingreso|dep[oó]sito|versamento|accredito", "deposit"),
    (r"withdrawal|terugstorting|opname|retrait|auszahlung|retirada|levantamento|prelievo", "withdrawal"),
    (r"interest|rente|intérêts|zinsen|inter[eé]s(es)?|juros|interessi", "interest"),
    (r"aansluitingskosten|connection fee|frais de connexion|verbindungskosten|b[öo]rsenplatzgeb[üu]hr|"
     r"conectividad|conectividade|connessione|kosten|fee|frais|geb[üu]hr|servicekosten|comisi[oó]n|custo|"
     r"comiss|commissione|costi|spese|cargo", "fee"),
]
KIND_PATTERNS = [(re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in KINDS]


def kind_of(description: str) -> str | None:
    """What a row is: "trade", one of KINDS' kinds, or None (a row GigaTracker does not know)."""
    text = " ".join(description.split())
    if TRADE.match(text):
        return "trade"
    return next((kind for pattern, kind in KIND_PATTERNS if pattern.search(text)), None)
