"""The window's actions, one module per area of the menus: books, accounts, transactions, themes,
exports, quotes and live prices, symbols, and the book's security. Each builds its QActions, opens its
dialogs and hands its writes to the window's one write path (ui/writes.py)."""
