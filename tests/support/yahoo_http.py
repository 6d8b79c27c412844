"""Serve recorded Yahoo responses to yfinance through a `requests` adapter, so that yfinance's real
parsing runs and no test touches the network. Can also play a rate-limited or an unreachable Yahoo."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import requests
from requests.adapters import BaseAdapter
from requests.models import Response

DATA = Path(__file__).parents[1] / "data" / "yahoo"


class RecordedYahoo(BaseAdapter):
    def __init__(self, folder: Path = DATA):
        super().__init__()
        self.exchanges = [json.loads(f.read_text()) for f in sorted(folder.glob("*.json"))]
        self.requests: list[str] = []
        self.mode = "recorded"  # or "rate-limited" (HTTP 429) or "offline" (connection refused)

    def session(self) -> requests.Session:
        session = requests.Session()
        session.mount("https://", self)
        session.mount("http://", self)
        return session

    def send(self, request, **kwargs) -> Response:
        self.requests.append(request.url)
        if self.mode == "offline":
            raise requests.exceptions.ConnectionError("Failed to establish a new connection: [Errno 111] refused")
        response = Response()
        response.url, response.request, response.encoding = request.url, request, "utf-8"
        response.headers["Content-Type"] = "application/json"
        if self.mode == "rate-limited":
            response.status_code, response._content = 429, b"Too Many Requests"
        elif "getcrumb" in request.url:
            response.status_code, response._content = 200, b"recorded-crumb"
        elif "fc.yahoo.com" in request.url:
            response.status_code, response._content = 404, b""
        else:
            recorded = self._match(request.url)
            if recorded is None:
                response.status_code = 404
                response._content = json.dumps({"chart": {"result": None, "error": {
                    "code": "Not Found", "description": "No data found, symbol may be delisted"}},
                    "quoteSummary": {"result": None, "error": {"code": "Not Found"}}}).encode()
            else:
                response.status_code = recorded["response"]["status"]
                response._content = json.dumps(recorded["response"]["bodyJson"]).encode()
        return response

    def close(self) -> None:
        pass

    def _match(self, url: str) -> dict | None:
        """The recorded exchange for the same endpoint and symbol (charts: same interval, the period that
        overlaps most; quotes: same symbols; searches: same query)."""
        asked = urlparse(url)
        path, query = unquote(asked.path), parse_qs(asked.query)
        best, best_score = None, None
        for exchange in self.exchanges:
            recorded = urlparse(exchange["request"]["url"])
            rpath, rquery = unquote(recorded.path), parse_qs(recorded.query)
            if rpath.rsplit("/", 2)[-2:] != path.rsplit("/", 2)[-2:]:
                continue
            if "/chart/" in path:
                if rquery.get("interval") != query.get("interval"):
                    continue
                start, end = int(query.get("period1", [0])[0]), int(query.get("period2", [2**40])[0])
                score = min(end, int(rquery["period2"][0])) - max(start, int(rquery["period1"][0]))
            elif path.endswith("/quote"):
                if rquery.get("symbols") != query.get("symbols"):
                    continue
                score = 0
            elif path.endswith("/search"):
                if rquery.get("q") != query.get("q"):
                    continue
                score = 0
            else:
                score = 0
            if best_score is None or score > best_score:
                best, best_score = exchange, score
        return best
