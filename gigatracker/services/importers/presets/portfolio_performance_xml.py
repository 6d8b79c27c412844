"""Portfolio Performance's own file (the XML client file, File -> Save as -> XML): the migration path for
PP users, and how GigaTracker checks its figures against PP's.

What becomes what (docs/formats.md has the full table):
- each deposit account -> an account (its cash); each securities account ("portfolio") -> an account
  holding its securities, in the currency of its reference account. A buy or sale moves its cash between
  the two by a pair of transfers (so each account shows what PP shows); a dividend, interest, fee or tax
  stays on the deposit account, naming its security;
- every PP transaction type: buy, sell, delivery in/out, transfers between portfolios and between deposit
  accounts, dividends (gross, with their fees and taxes), interest, interest charge, fees, fee refund,
  taxes, tax refund, deposit, removal;
- securities (name, ISIN, ticker as the symbol, else the ISIN) with their closes into the price cache
  (source "Portfolio Performance file"); taxonomies as GigaTracker taxonomies with their weights.
Amounts are exact: money in hundredths; shares and quotes scaled as the file's version stores them.
What cannot be represented (an account assigned to a classification, an investment plan's schedule) is
listed with the reason. An encrypted or binary file is refused, saying how to save it as XML.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ....core.checks import symbol_problem
from ....core.ledger import TxType
from ....core.money import MAX_MAGNITUDE, is_currency, round_money
from ..xstream import Node, References, XStreamError, parse
from .common import BookSetup, Draft, PresetRead, Problems, check_date, number

NEWEST_VERSION = 70  # the newest file version these rules were written from
SOURCE_LABEL = "Portfolio Performance file"
MAX_UNZIPPED = 256 * 1024 * 1024  # a data.xml bigger than this is not a portfolio (a zip bomb, a wrong file)
ENCRYPTED = b"PORTFOLIO"
BINARY = b"PPPBV1"
_ACCOUNT_TYPES = {"DEPOSIT": TxType.DEPOSIT, "REMOVAL": TxType.WITHDRAWAL, "INTEREST": TxType.INTEREST,
                  "INTEREST_CHARGE": TxType.INTEREST_CHARGE, "DIVIDENDS": TxType.DIVIDEND, "FEES": TxType.FEE,
                  "FEES_REFUND": TxType.FEE_REFUND, "TAXES": TxType.TAX, "TAX_REFUND": TxType.TAX_REFUND}
_TRADES = {"BUY": TxType.BUY, "SELL": TxType.SELL, "DELIVERY_INBOUND": TxType.DELIVERY_IN,
           "DELIVERY_OUTBOUND": TxType.DELIVERY_OUT}


# -- recognising the file ---------------------------------------------------------------------------
def refused_bytes(raw: bytes) -> str | None:
    """Why PP's other file kinds cannot be read (None: it may be XML, or a zipped XML)."""
    if raw.startswith(ENCRYPTED):
        return ("an encrypted Portfolio Performance file: save it unencrypted in Portfolio Performance first "
                "(File > Save as > XML)")
    if raw.startswith(BINARY):
        return "a Portfolio Performance binary file: save it as XML in Portfolio Performance (File > Save as > XML)"
    return None


def unzip(raw: bytes) -> bytes:
    """The XML inside a zipped PP file (`data.xml`); ValueError for PP's binary format or another zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = archive.namelist()
            if "data.xml" in names:
                size = archive.getinfo("data.xml").file_size
                if size > MAX_UNZIPPED:
                    raise ValueError(f"its data.xml is {size // 1_000_000} MB unpacked, more than GigaTracker reads "
                                     f"({MAX_UNZIPPED // 1_000_000} MB)")
                return archive.read("data.xml")
    except (zipfile.BadZipFile, OSError) as error:
        raise ValueError(f"a damaged zip file ({error})") from None
    if any(name.endswith(".portfolio") or name == "data" for name in names):
        raise ValueError(refused_bytes(BINARY))
    raise ValueError("a zip file without Portfolio Performance's data.xml in it")


def sniff(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:200]
    if head.startswith("<?xml"):
        head = head[head.find("?>") + 2:].lstrip()
    return head.startswith("<client>") or head.startswith("<client ")


# -- scales per file version (PP's ClientFactory upgrade steps) ---------------------------------------
def share_scale(version: int) -> Decimal:
    if version <= 2:
        return Decimal(1)
    if version <= 25:
        return Decimal(100_000)
    if version <= 48:
        return Decimal(1_000_000)
    return Decimal(100_000_000)


def quote_scale(version: int) -> Decimal:
    if version <= 29:
        return Decimal(100)
    if version <= 48:
        return Decimal(10_000)
    return Decimal(100_000_000)


# -- reading ------------------------------------------------------------------------------------------
@dataclass
class _Security:
    node: Node
    symbol: str
    name: str
    isin: str
    currency: str | None


@dataclass
class _Money:
    """A transaction's amounts as PP stores them (its own currency), and its foreign gross, if any."""
    currency: str
    amount: Decimal
    fees: Decimal
    taxes: Decimal
    fees_foreign: Decimal | None
    taxes_foreign: Decimal | None
    foreign: tuple[str, Decimal, Decimal] | None  # (security currency, gross in it, rate: own per foreign)


def read_xml(source: str, text: str) -> PresetRead:
    read = PresetRead()
    problems = Problems(source, read)
    try:
        root = parse(text)
    except XStreamError as error:
        problems.add(error.line, "file", f"{error.why}: a truncated or damaged file, or not a Portfolio "
                                         "Performance XML file")
        return read
    if root.tag != "client":
        problems.add(root.line, "file", f"not a Portfolio Performance file (its root is <{root.tag}>, not <client>)")
        return read
    try:
        _Reader(source, root, read, problems).run()
    except XStreamError as error:
        problems.add(error.line, "reference", error.why)
    return read


class _Reader:
    def __init__(self, source: str, root: Node, read: PresetRead, problems: Problems):
        self.source, self.root, self.read, self.problems = source, root, read, problems
        self.refs = References(root)
        self.setup = BookSetup(Path(source).stem or "Portfolio Performance")  # the read's, once the file is PP's
        self.securities: dict[int, _Security] = {}
        self.taken: set[str] = set()  # the securities' symbols so far: each names one
        self.unusable: set[int] = set()  # securities already refused (said once)
        self.accounts: dict[int, tuple[str, str]] = {}  # node id -> (our account name, currency)
        self.portfolios: dict[int, tuple[str, str, Node | None]] = {}  # node id -> (name, currency, cash account)
        self.done: set[int] = set()  # transactions already written (the other leg of a transfer)
        self.entries: list[tuple[datetime, int, Draft]] = []
        self.used: set[str] = set()
        self.money_of: dict[int, _Money] = {}  # a trade draft -> its amounts as the file gives them
        self.positions: dict[str, list[Draft]] = {}  # symbol -> its trades and transfers
        self.cash_legs: list[tuple[Draft, Draft]] = []  # (trade, the transfer moving its cash on its account)

    # -- the client ---------------------------------------------------------------------------------
    def run(self) -> None:
        refs, root = self.refs, self.root
        broken = refs.broken()
        for error in broken[:20]:
            self.problems.add(error.line, "reference", error.why)
        if broken:
            return
        version_text = refs.text(root, "version")
        if not version_text or not version_text.isdigit():
            self.problems.add(root.line, "version", "no <version>: not a Portfolio Performance file")
            return
        self.version = int(version_text)
        if self.version > NEWEST_VERSION:
            self.read.notes.append(f"file version {self.version} is newer than the newest this importer knows "
                                   f"({NEWEST_VERSION}): check the result against Portfolio Performance")
        ledger = refs.child(root, "ledger")
        if ledger is not None and (entries := refs.child(ledger, "entries")) is not None and entries.children:
            self.problems.add(ledger.line, "ledger", "this file keeps its transactions in Portfolio Performance's "
                                                     "ledger form, which GigaTracker does not read yet")
            return
        self.shares, self.quotes = share_scale(self.version), quote_scale(self.version)
        self.base = "EUR" if self.version < 29 else (refs.text(root, "baseCurrency") or "EUR")
        self.read.setup = self.setup
        for node in refs.children(refs.child(root, "securities"), "security"):
            self._security(node)
        self._owners()
        for node in refs.children(refs.child(root, "accounts"), "account"):
            name, _ = self.accounts[id(node)]
            for tx in refs.children(refs.child(node, "transactions")):
                self._account_transaction(tx, node, name)
        for node in refs.children(refs.child(root, "portfolios"), "portfolio"):
            for tx in refs.children(refs.child(node, "transactions")):
                self._portfolio_transaction(tx, node)
        if self.read.problems:
            return
        self._fix_position_currencies()
        self.entries.sort(key=lambda entry: (entry[0], entry[1]))
        self.read.drafts = [draft for _, _, draft in self.entries]
        self._securities_and_prices()
        self._taxonomies()
        for node in refs.children(refs.child(root, "plans"), "investment-plan"):
            self.read.ignored.append((node.line, f"investment plan '{refs.text(node, 'name') or ''}': its past "
                                                 "transactions are imported; its schedule is not"))

    # -- securities, accounts, portfolios ----------------------------------------------------------------
    def _security(self, node: Node) -> None:
        refs = self.refs
        ticker, isin = (refs.text(node, "tickerSymbol") or "").strip(), (refs.text(node, "isin") or "").strip()
        wkn, name = (refs.text(node, "wkn") or "").strip(), (refs.text(node, "name") or "").strip()
        symbol = next((candidate for candidate in (ticker, isin, wkn)
                       if candidate and not symbol_problem(candidate) and candidate not in self.taken), "")
        if not symbol:
            self.problems.add(node.line, "security", f"'{name}' has no ticker, ISIN or WKN that can name it "
                                                     "(letters, digits and . - = ^ & : / only, unique)")
            self.unusable.add(id(node))
            return
        currency = "EUR" if self.version < 29 else refs.text(node, "currencyCode")
        if currency and not is_currency(currency):
            self.problems.add(node.line, "currency", f"'{currency}' of {symbol} is not a currency")
            self.unusable.add(id(node))
            return
        self.securities[id(node)] = _Security(node, symbol, name, isin, currency)
        self.taken.add(symbol)

    def _owners(self) -> None:
        refs, root = self.refs, self.root
        names: set[str] = set()
        for node in refs.children(refs.child(root, "accounts"), "account"):
            name = self._unique((refs.text(node, "name") or "Account").strip(), names)
            currency = "EUR" if self.version < 29 else (refs.text(node, "currencyCode") or "EUR")
            if not is_currency(currency):
                self.problems.add(node.line, "currency", f"'{currency}' of account '{name}' is not a currency")
                continue
            self.accounts[id(node)] = (name, currency)
            self.setup.accounts.append((name, currency))
        for node in refs.children(refs.child(root, "portfolios"), "portfolio"):
            base_name = (refs.text(node, "name") or "Securities").strip()
            name = self._unique(base_name if base_name not in names else f"{base_name} (securities)", names)
            cash = refs.child(node, "referenceAccount")
            currency = self.accounts[id(cash)][1] if cash is not None and id(cash) in self.accounts else self.base
            self.portfolios[id(node)] = (name, currency, cash)
            self.setup.accounts.append((name, currency))

    @staticmethod
    def _unique(name: str, taken: set[str]) -> str:
        candidate, number = name, 2
        while candidate in taken:
            candidate, number = f"{name} ({number})", number + 1
        taken.add(candidate)
        return candidate

    # -- transactions --------------------------------------------------------------------------------
    def _moment(self, tx: Node) -> datetime | None:
        text = self.refs.text(tx, "date")
        try:
            moment = datetime.fromisoformat(text) if text and "T" in text else datetime.combine(
                date.fromisoformat(text or ""), datetime.min.time())
        except ValueError:
            self.problems.add(tx.line, "date", f"'{text}' is not a date")
            return None
        return moment.replace(tzinfo=None)  # the day and its order, as PP shows them

    def _add(self, moment: datetime, draft: Draft) -> None:
        if why := check_date(draft.date, draft.currency):
            self.problems.add(draft.line, "date", why)
            return
        self.entries.append((moment, len(self.entries), draft))
        if draft.symbol and draft.type not in _ACCOUNT_TYPES.values():
            self.positions.setdefault(draft.symbol, []).append(draft)

    def _number(self, tx: Node, tag: str, scale: Decimal, text: str | None = None) -> Decimal | None:
        text = self.refs.text(tx, tag) if text is None else text
        if text is None or text == "":
            return None
        try:
            value = Decimal(int(text.strip())) / scale
        except (ValueError, InvalidOperation):
            self.problems.add(tx.line, tag, f"'{text}' is not a whole number")
            return None
        if abs(value) >= MAX_MAGNITUDE:
            self.problems.add(tx.line, tag, f"'{text}' is too large")
            return None
        return abs(value)

    def _money(self, tx: Node, currency: str) -> _Money | None:
        refs = self.refs
        amount = self._number(tx, "amount", Decimal(100))
        if amount is None:
            self.problems.add(tx.line, "amount", "missing")
            return None
        fees = taxes = Decimal(0)
        fees_foreign: Decimal | None = Decimal(0)
        taxes_foreign: Decimal | None = Decimal(0)
        foreign = None
        for unit in refs.children(refs.child(tx, "units"), "unit"):
            value = refs.child(unit, "amount")
            other = refs.child(unit, "forex")
            if value is None:
                continue
            own = self._number(unit, "amount", Decimal(100), value.attrs.get("amount"))
            if own is None:
                return None
            abroad = self._number(unit, "forex", Decimal(100), other.attrs.get("amount")) if other is not None else None
            kind_ = unit.attrs.get("type")
            if kind_ == "FEE":
                fees += own
                fees_foreign = fees_foreign + abroad if abroad is not None and fees_foreign is not None else None
            elif kind_ == "TAX":
                taxes += own
                taxes_foreign = taxes_foreign + abroad if abroad is not None and taxes_foreign is not None else None
            elif kind_ == "GROSS_VALUE" and other is not None and abroad is not None:
                rate_text = refs.text(unit, "exchangeRate")
                try:
                    rate = number(rate_text)
                except ValueError:
                    rate = Decimal(0)
                if rate <= 0:
                    self.problems.add(unit.line, "exchangeRate", f"'{rate_text}' is not an exchange rate")
                    return None
                foreign = (other.attrs.get("currency", ""), abroad, rate)
        if self.version <= 28:  # before units: fees and taxes of a portfolio transaction as elements
            fees += self._number(tx, "fees", Decimal(100)) or Decimal(0)
            taxes += self._number(tx, "taxes", Decimal(100)) or Decimal(0)
        if foreign is None:
            fees_foreign = taxes_foreign = None
        return _Money(currency, amount, fees, taxes, fees_foreign, taxes_foreign, foreign)

    def _currency_of(self, tx: Node, owner_currency: str) -> str:
        return "EUR" if self.version < 29 else (self.refs.text(tx, "currencyCode") or owner_currency)

    def _security_of(self, tx: Node) -> _Security | None:
        node = self.refs.child(tx, "security")
        if node is None:
            return None
        found = self.securities.get(id(node))
        if found is None and id(node) not in self.unusable:
            self._security(node)  # a security first written outside <securities> (an old PP bug)
            found = self.securities.get(id(node))
        return found

    def _account_transaction(self, tx: Node, account: Node, name: str) -> None:
        if id(tx) in self.done:
            return
        kind = self.refs.text(tx, "type") or ""
        moment = self._moment(tx)
        if moment is None:
            return
        currency = self._currency_of(tx, self.accounts[id(account)][1])
        if kind in ("BUY", "SELL"):
            return  # the cash leg of a trade: written with its securities leg (_portfolio_transaction)
        if kind in ("TRANSFER_OUT", "TRANSFER_IN"):
            return self._account_transfer(tx, kind, name, currency, moment)
        ours = _ACCOUNT_TYPES.get(kind)
        if ours is None:
            self.problems.add(tx.line, "type", f"'{kind}' is not a Portfolio Performance account transaction type")
            return
        money = self._money(tx, currency)
        security = self._security_of(tx)
        if money is None:
            return
        draft = Draft(tx.line, moment.date(), ours, currency, note=self._note(tx), account=name)
        if security is not None:
            draft.symbol, draft.isin, draft.name = security.symbol, security.isin, security.name
            self.used.add(security.symbol)
        if ours in (TxType.DIVIDEND, TxType.INTEREST, TxType.DEPOSIT):
            draft.amount, draft.fees, draft.taxes = money.amount + money.fees + money.taxes, money.fees, money.taxes
        elif ours is TxType.WITHDRAWAL:
            draft.amount, draft.fees, draft.taxes = money.amount - money.fees - money.taxes, money.fees, money.taxes
        else:  # fees, taxes, refunds and interest charges: the amount is what moved
            draft.amount = money.amount
        self._add(moment, draft)

    def _pair(self, tx: Node, kind: str, owner: str, owners: dict) -> tuple | None:
        """A transfer's two legs, whichever was met first: ((out leg, its owner), (in leg, its owner)), both
        owners known; None when the file does not link it to its other leg."""
        entry = self.refs.child(tx, "crossEntry")
        if entry is None:
            return None
        legs = [(self.refs.child(entry, f"transaction{side}"), self.refs.child(entry, f"{owner}{side}"))
                for side in ("From", "To")]
        if any(leg is None or holder is None or id(holder) not in owners for leg, holder in legs):
            return None
        if (kind == "TRANSFER_OUT") != (legs[0][0] is tx):
            return None
        return legs[0], legs[1]

    def _account_transfer(self, tx: Node, kind: str, name: str, currency: str, moment: datetime) -> None:
        pair = self._pair(tx, kind, "account", self.accounts)
        legs = [(tx, name, currency, kind)] if pair is None else [
            (leg, self.accounts[id(owner)][0], self._currency_of(leg, self.accounts[id(owner)][1]), leg_kind)
            for (leg, owner), leg_kind in zip(pair, ("TRANSFER_OUT", "TRANSFER_IN"))]
        for node, account, leg_currency, leg_kind in legs:
            money = self._money(node, leg_currency)
            if money is None:
                return
            self.done.add(id(node))
            self._add(moment, Draft(node.line, moment.date(), TxType(leg_kind), leg_currency, amount=money.amount,
                                    note=self._note(node) or "transfer between accounts", account=account))

    def _portfolio_transaction(self, tx: Node, portfolio: Node) -> None:
        if id(tx) in self.done:
            return
        refs = self.refs
        kind = refs.text(tx, "type") or ""
        name, currency_default, reference = self.portfolios[id(portfolio)]
        moment = self._moment(tx)
        security = self._security_of(tx)
        shares = self._number(tx, "shares", self.shares)
        if moment is None:
            return
        if security is None:
            self.problems.add(tx.line, "security", f"a {kind} without a security")
            return
        if not shares:
            self.problems.add(tx.line, "shares", f"a {kind} of {security.symbol} needs a number of shares")
            return
        if self.version <= 7 and kind in ("TRANSFER_IN", "TRANSFER_OUT"):  # they meant deliveries then
            kind = "DELIVERY_INBOUND" if kind == "TRANSFER_IN" else "DELIVERY_OUTBOUND"
        self.used.add(security.symbol)
        currency = self._currency_of(tx, currency_default)
        money = self._money(tx, currency)
        if money is None:
            return
        if kind in ("TRANSFER_OUT", "TRANSFER_IN"):
            return self._portfolio_transfer(tx, kind, name, security, shares, money, moment)
        ours = _TRADES.get(kind)
        if ours is None:
            self.problems.add(tx.line, "type", f"'{kind}' is not a Portfolio Performance portfolio transaction type")
            return
        draft = self._trade(tx, ours, name, security, shares, money, moment)
        if kind not in ("BUY", "SELL"):
            self._add(moment, draft)
            return
        entry = refs.child(tx, "crossEntry")
        cash = refs.child(entry, "account") if entry is not None else reference
        if cash is None or id(cash) not in self.accounts:  # no deposit account: the cash stays here
            self._add(moment, draft)
            return
        cash_name, _ = self.accounts[id(cash)]
        costs = draft.fees + draft.taxes
        assert draft.amount is not None  # _trade gives it
        paid = draft.amount + costs if ours is TxType.BUY else draft.amount - costs
        note = f"cash for the {ours.value} of {security.symbol}"
        into = Draft(tx.line, moment.date(), TxType.TRANSFER_IN, draft.currency, amount=paid, note=note)
        out_of = Draft(tx.line, moment.date(), TxType.TRANSFER_OUT, money.currency, amount=money.amount, note=note)
        if ours is TxType.BUY:
            out_of.account, into.account = cash_name, name
            legs = [out_of, into, draft]
            self.cash_legs.append((draft, into))
        else:
            out_of.account, out_of.currency, out_of.amount = name, draft.currency, paid
            into.account, into.currency, into.amount = cash_name, money.currency, money.amount
            legs = [draft, out_of, into]
            self.cash_legs.append((draft, out_of))
        for leg in legs:
            self._add(moment, leg)

    def _trade(self, tx, ours: TxType, account: str, security: _Security, shares: Decimal, money: _Money,
               moment: datetime) -> Draft:
        purchase = ours in (TxType.BUY, TxType.DELIVERY_IN)
        gross = money.amount - money.fees - money.taxes if purchase else money.amount + money.fees + money.taxes
        draft = Draft(tx.line, moment.date(), ours, money.currency, security.symbol, shares, amount=gross,
                      fees=money.fees, taxes=money.taxes, note=self._note(tx), account=account,
                      isin=security.isin, name=security.name)
        self.money_of[id(draft)] = money  # to choose the position's currency (_fix_position_currencies)
        return draft

    def _portfolio_transfer(self, tx, kind, name, security, shares, money, moment) -> None:
        pair = self._pair(tx, kind, "portfolio", self.portfolios)
        if pair is not None:
            for (leg, owner), leg_kind in zip(pair, (TxType.TRANSFER_OUT, TxType.TRANSFER_IN)):
                self.done.add(id(leg))
                self._add(moment, Draft(leg.line, moment.date(), leg_kind, money.currency, security.symbol, shares,
                                        note=self._note(leg) or "transfer between securities accounts",
                                        account=self.portfolios[id(owner)][0]))
            return
        if kind == "TRANSFER_OUT":
            self.problems.add(tx.line, "crossEntry", f"a transfer of {security.symbol} out of '{name}' without "
                                                     "the account it went to")
            return
        draft = Draft(tx.line, moment.date(), TxType.TRANSFER_IN, money.currency, security.symbol, shares,
                      amount=money.amount, note=self._note(tx), account=name)  # from outside the file: its value
        self.money_of[id(draft)] = money
        self._add(moment, draft)

    def _fix_position_currencies(self) -> None:
        """A position has one currency: the security's when every trade of it is made in it or gives its
        gross in it, else the one currency its trades are made in; amounts follow. The transfer moving a
        trade's cash on its securities account then carries the trade's currency and total."""
        currencies = {s.symbol: s.currency for s in self.securities.values()}
        for symbol, drafts in self.positions.items():
            own = currencies.get(symbol)
            priced = [(draft, self.money_of[id(draft)]) for draft in drafts if id(draft) in self.money_of]
            if own and all(m.currency == own or (m.foreign and m.foreign[0] == own) for _, m in priced):
                target = own
            else:
                made_in = {draft.currency for draft in drafts if draft.currency}  # every trade here names one
                if len(made_in) > 1:
                    self.problems.add(drafts[0].line, "currency", f"{symbol} is traded in {', '.join(sorted(made_in))} "
                                                                  "without exchange rates: a position has one currency")
                    continue
                target = made_in.pop()
            for draft in drafts:
                money = self.money_of.get(id(draft))
                draft.currency = target
                if money is None or money.currency == target:
                    continue
                assert money.foreign is not None  # the target is the currency it gives its gross in
                _, gross, rate = money.foreign
                if draft.type is TxType.TRANSFER_IN:  # from outside the file: its value, converted
                    draft.amount = round_money(money.amount / rate, target)
                    continue
                draft.amount = gross
                draft.fees = round_money(money.fees_foreign if money.fees_foreign is not None else money.fees / rate,
                                         target)
                draft.taxes = round_money(money.taxes_foreign if money.taxes_foreign is not None
                                          else money.taxes / rate, target)
        for trade, leg in self.cash_legs:
            assert trade.amount is not None  # _trade gives it, and so does the loop above
            leg.currency = trade.currency
            leg.amount = (trade.amount + trade.fees + trade.taxes if trade.type is TxType.BUY
                          else trade.amount - trade.fees - trade.taxes)

    def _note(self, tx: Node) -> str:
        return " ".join((self.refs.text(tx, "note") or "").split())[:500]

    # -- securities, prices, taxonomies ---------------------------------------------------------------
    def _securities_and_prices(self) -> None:
        setup = self.setup
        for security in self.securities.values():
            if security.symbol not in self.used:
                continue
            setup.securities[security.symbol] = {"name": security.name, "isin": security.isin,
                                                 "currency": security.currency}
            if security.currency is None:
                continue
            closes: dict[str, Decimal] = {}
            for price in self.refs.children(self.refs.child(security.node, "prices"), "price"):
                self._close(price, closes)
            latest = self.refs.child(security.node, "latest")
            if latest is not None:
                self._close(latest, closes, latest=True)
            setup.prices += [{"symbol": security.symbol, "date": day, "close": str(close),
                              "currency": security.currency, "source": SOURCE_LABEL}
                             for day, close in sorted(closes.items())]

    def _close(self, node: Node, closes: dict[str, Decimal], latest: bool = False) -> None:
        day, value = node.attrs.get("t"), node.attrs.get("v")
        try:
            if day is None or value is None:
                raise ValueError("missing")
            date.fromisoformat(day)
            close = Decimal(int(value)) / self.quotes
        except (ValueError, InvalidOperation):
            self.problems.add(node.line, "price", f"a price needs a date t and a whole value v "
                                                  f"(t={day!r}, v={value!r})")
            return
        if close > 0 and not (latest and day in closes):  # -1: not available; a close wins over "latest"
            closes[day] = close

    def _taxonomies(self) -> None:
        refs = self.refs
        taxonomies = []
        symbols = {id(s.node): s.symbol for s in self.securities.values() if s.symbol in self.used}
        for taxonomy in refs.children(refs.child(self.root, "taxonomies"), "taxonomy"):
            name = " ".join((refs.text(taxonomy, "name") or "Taxonomy").split())
            root = refs.child(taxonomy, "root")
            themes: list[dict[str, str]] = []
            assignments: dict[str, dict[str, int]] = {}  # symbol -> path -> weight
            stack = [(child, "") for child in reversed(refs.children(refs.child(root, "children"), "classification"))] \
                if root is not None else []
            while stack:
                node, parent = stack.pop()
                label = " ".join((refs.text(node, "name") or "(unnamed)").replace("/", "-").split()) or "(unnamed)"
                if not parent and label == "Unassigned":
                    label = "Unassigned (Portfolio Performance)"
                path = f"{parent}/{label}" if parent else label
                colour = refs.text(node, "color") or ""
                themes.append({"path": path, "colour": colour if colour.startswith("#") else "",
                               "description": (refs.text(node, "description") or "")[:500]})
                for assignment in refs.children(refs.child(node, "assignments"), "assignment"):
                    self._assignment(assignment, path, name, symbols, assignments)
                stack += [(child, path) for child in reversed(refs.children(refs.child(node, "children"),
                                                                              "classification"))]
            if themes:
                taxonomies.append({"name": name, "themes": themes, "assignments": assignments})
        if taxonomies:
            self.setup.theme_pack = {"format": "gigatracker-theme-pack", "version": 1,
                                          "provenance": {"source": self.source, "author": "Portfolio Performance"},
                                          "taxonomies": taxonomies}

    def _assignment(self, node: Node, path: str, taxonomy: str, symbols: dict, assignments: dict) -> None:
        vehicle = self.refs.child(node, "investmentVehicle")
        weight_text = self.refs.text(node, "weight") or ""
        if vehicle is None or not weight_text.isdigit():
            return
        if vehicle.attrs.get("class") == "account" or id(vehicle) in self.accounts:
            self.read.ignored.append((node.line, f"an account is assigned to '{path}' in '{taxonomy}': GigaTracker "
                                                 "classifies securities (cash is Unassigned)"))
            return
        symbol = symbols.get(id(vehicle))
        if symbol is None:
            return  # a security without transactions in the file is not imported
        weights = assignments.setdefault(symbol, {})
        weights[path] = weights.get(path, 0) + int(weight_text)
