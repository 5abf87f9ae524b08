"""Language: Chinese unless the user chose English with the switch (a cookie). The browser's
Accept-Language is ignored on purpose: offices use machines set up in any language, and the
platform's working language is Chinese.

Reads: a GET or HEAD request writes nothing, so it reads the tables' versions once."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from xingcun.core import versions


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ReadOnceMiddleware:
    """The versions of the tables, which the login backend, the to-do counts and the cached
    figures all key on, are read once per GET or HEAD request (pages never write on GET). Any
    other method reads them afresh each time: a write in between must be seen."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with versions.read_once():
            return self.get_response(request)
