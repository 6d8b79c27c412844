"""Performance commands' arguments: `performance`, `history` and `benchmark`. What they do is in
cli/performance_run.py, imported only when one of them runs (numpy and the performance engine are not
loaded for every other command)."""
from __future__ import annotations

import argparse

from .common import later, parse_date
from ..core.periods import PERIOD_NAMES
from ..core.themes import DEFAULT_TAXONOMY


def add_commands(commands, book, fmt) -> None:
    scope = argparse.ArgumentParser(add_help=False)
    scope.add_argument("--portfolio", help="one portfolio (a client)")
    scope.add_argument("--account", help="one account")
    scope.add_argument("--security", metavar="SYMBOL", help="one security (in the portfolio or account if given)")
    scope.add_argument("--period", help=f"{', '.join(PERIOD_NAMES)} or a year (2025); default: max")
    scope.add_argument("--from", dest="start", type=parse_date, help="from the close of this day (YYYY-MM-DD)")
    scope.add_argument("--to", dest="end", type=parse_date, help="to the close of this day (default: today)")
    perf = commands.add_parser("performance", parents=[book, fmt, scope],
                               help="TTWROR, IRR, drawdown, volatility and where the value went")
    perf.add_argument("--by", choices=("security", "account", "portfolio", "theme"),
                      help="one row for each (theme: return and contribution of each theme)")
    perf.add_argument("--taxonomy", default=DEFAULT_TAXONOMY, help="with --by theme: the taxonomy (default Thesis)")
    perf.add_argument("--depth", type=int, help="with --by theme: roll themes up to this level")
    perf.add_argument("--look-through", action="store_true", help="with --by theme: funds by their holdings' themes")
    perf.add_argument("--benchmark", metavar="SYMBOL[=WEIGHT,...]",
                      help="compare with a Yahoo symbol or a blend (SOXX=60%%,URTH=40%%); default: the saved one")
    perf.set_defaults(run=later(".performance_run", "cmd_performance"))
    bench = commands.add_parser("benchmark", help="a portfolio's benchmark (a Yahoo symbol or a blend)")
    bench_commands = bench.add_subparsers(dest="benchmark_command", required=True)
    bench_set = bench_commands.add_parser("set", parents=[book, fmt], help="save a benchmark")
    bench_set.add_argument("--portfolio", help="its portfolio (default: the whole book, and every portfolio "
                                               "without its own)")
    bench_set.add_argument("symbols", nargs="+", metavar="SYMBOL[=WEIGHT]",
                           help="SOXX, or SOXX=60%% URTH=40%% (weights in %% or basis points)")
    bench_set.set_defaults(run=later(".performance_run", "cmd_benchmark_set"))
    bench_show = bench_commands.add_parser("list", parents=[book, fmt], help="the saved benchmarks")
    bench_show.set_defaults(run=later(".performance_run", "cmd_benchmark_list"))
    bench_clear = bench_commands.add_parser("clear", parents=[book, fmt], help="forget a benchmark")
    bench_clear.add_argument("--portfolio", help="its portfolio (default: the book's)")
    bench_clear.set_defaults(run=later(".performance_run", "cmd_benchmark_clear"))
    history = commands.add_parser("history", parents=[book, fmt, scope],
                                  help="the daily series: value, invested capital, TTWROR, drawdown")
    history.set_defaults(run=later(".performance_run", "cmd_history"))
