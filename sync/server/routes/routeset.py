"""Routes are added to the app one by one, with their full path.

FastAPI 0.165 keeps an included APIRouter as one opaque branch in `app.routes`; the access
middleware and the route-coverage test need every route's real (method, path template),
so routes are collected here and registered flat with `add_api_route`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI


class RouteSet:
    def __init__(self, prefix: str = "", **defaults: Any) -> None:
        self.prefix, self.defaults = prefix, defaults
        self.items: list[tuple[str, str, Callable[..., Any], dict[str, Any]]] = []

    def _add(self, method: str, path: str, **options: Any) -> Callable[[Callable], Callable]:
        def decorate(endpoint: Callable[..., Any]) -> Callable[..., Any]:
            self.items.append((method, self.prefix + path, endpoint, options))
            return endpoint

        return decorate

    def get(self, path: str, **options: Any) -> Callable[[Callable], Callable]:
        return self._add("GET", path, **options)

    def post(self, path: str, **options: Any) -> Callable[[Callable], Callable]:
        return self._add("POST", path, **options)

    def patch(self, path: str, **options: Any) -> Callable[[Callable], Callable]:
        return self._add("PATCH", path, **options)

    def head(self, path: str, **options: Any) -> Callable[[Callable], Callable]:
        return self._add("HEAD", path, **options)

    def register(self, app: FastAPI) -> None:
        for method, path, endpoint, options in self.items:
            merged = {**self.defaults, **options}
            merged["dependencies"] = [*self.defaults.get("dependencies", ()),
                                      *options.get("dependencies", ())]
            merged["responses"] = {**self.defaults.get("responses", {}),
                                   **options.get("responses", {})}
            app.add_api_route(path, endpoint, methods=[method], **merged)
