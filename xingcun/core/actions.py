"""How a view runs a write: the one place a refused service call becomes what the user reads.

A state-changing view gets its object in scope, calls one service and redirects. The service
refuses with `ValidationError`; `attempt()` turns that refusal into error messages (or, for a
form that is shown again, `submit()` into the form's own errors) and a success into one success
message, so every view answers a refusal the same way. `object_action()` builds the whole view
for a transition of one object. Stored files are served through the scope with `serve_file()`,
never as public media.

The helpers give back the service's result, None when it was refused: a service used with them
returns what it wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils.functional import Promise
from django.views.decorators.http import require_POST

from xingcun.core.http import ScopedRequest
from xingcun.core.permissions import requires

T = TypeVar("T")
M = TypeVar("M")

Message = str | Promise
# the success message: fixed, or a function of the service's result (of the object, for
# object_action) that gives it
Done = Message | Callable[[T], str] | None


def _text(done: Message | Callable[[T], str], value: T) -> str:
    return str(done) if isinstance(done, str | Promise) else done(value)


def show_errors(request: HttpRequest, error: ValidationError, *, joined: bool = False) -> None:
    """Every message of a refusal as an error message (or all of them in one, `joined`)."""
    if joined:
        messages.error(request, " ".join(error.messages))
        return
    for message in error.messages:
        messages.error(request, str(message))


def show_form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """The errors of a form that is not shown again (a button on another page) as messages."""
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))


def cleaned(form: forms.BaseForm, missing: str) -> dict[str, Any]:
    """The cleaned data of a small form posted from another page, or (inside `attempt()`) a
    refusal saying what is missing."""
    if not form.is_valid():
        raise ValidationError(missing)
    return form.cleaned_data


def uploaded(request: HttpRequest, missing: str, name: str = "file") -> Any:
    """The file posted as `name`, or (inside `attempt()`) a refusal saying what is missing."""
    upload = request.FILES.get(name)
    if upload is None:
        raise ValidationError(missing)
    return upload


def _succeed(request: HttpRequest, result: T, done: Done[T]) -> T:
    if done is not None:
        messages.success(request, _text(done, result))
    return result


def attempt(
    request: HttpRequest, act: Callable[[], T], done: Done[T] = None, *, joined: bool = False
) -> T | None:
    """Run one service call: a refusal becomes error messages and None, a success `done`."""
    try:
        result = act()
    except ValidationError as e:
        show_errors(request, e, joined=joined)
        return None
    return _succeed(request, result, done)


def attempt_form(
    request: HttpRequest,
    form: forms.BaseForm,
    act: Callable[[Mapping[str, Any]], T],
    done: Done[T] = None,
) -> T | None:
    """`attempt()` for a form posted from another page (a button, a small form in a panel): its
    errors, like a refusal, become error messages."""
    if not form.is_valid():
        show_form_errors(request, form)
        return None
    return attempt(request, lambda: act(form.cleaned_data), done)


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    act: Callable[[Mapping[str, Any]], T],
    done: Done[T] = None,
) -> T | None:
    """Validate `form` and run one service call with its cleaned data; an invalid form or a
    refusal leaves its errors on the form (to be shown again) and gives None."""
    if not form.is_valid():
        return None
    try:
        result = act(form.cleaned_data)
    except ValidationError as e:
        form.add_error(None, e)
        return None
    return _succeed(request, result, done)


def submit_on_page(
    request: HttpRequest,
    form: forms.BaseForm,
    act: Callable[[Mapping[str, Any]], T],
    done: Done[T],
    *,
    then: Callable[[T], HttpResponseBase],
    page: Callable[[], HttpResponseBase],
) -> HttpResponseBase:
    """A form posted from an object's page: `submit()` it, then go on (`then`, given the
    service's result), or show the `page` again with the form and its errors."""
    result = submit(request, form, act, done)
    return page() if result is None else then(result)


def object_action(
    perm: str,
    *,
    find: Callable[[ScopedRequest, int], M],
    act: Callable[[ScopedRequest, M], T],
    done: Done[T],
    back: Callable[[M], HttpResponseBase],
    joined: bool = False,
) -> Callable[..., HttpResponseBase]:
    """A POST-only view for one transition of one object: `find` it in scope (404 outside), `act`
    through its service, show `done` (of the service's result) or the refusal, and go `back` to
    the object's page."""

    @require_POST
    @requires(perm)
    def view(request: ScopedRequest, pk: int) -> HttpResponseBase:
        obj = find(request, pk)
        attempt(request, lambda: act(request, obj), done, joined=joined)
        return back(obj)

    return view


def page_form_action(
    perm: str,
    *,
    find: Callable[[ScopedRequest, int], M],
    form: Callable[[ScopedRequest, M], forms.BaseForm],
    act: Callable[[ScopedRequest, M, Mapping[str, Any]], T],
    done: Done[T],
    then: Callable[[M], HttpResponseBase],
    page: Callable[[ScopedRequest, M, forms.BaseForm], HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """A POST-only view for a form on one object's page: `find` the object in scope, bind its
    `form`, `act` with the cleaned data, then go on (`then`) or show the `page` again with the
    form and its errors."""

    @require_POST
    @requires(perm)
    def view(request: ScopedRequest, pk: int) -> HttpResponseBase:
        obj = find(request, pk)
        bound = form(request, obj)
        return submit_on_page(
            request,
            bound,
            lambda data: act(request, obj, data),
            done,
            then=lambda _: then(obj),
            page=lambda: page(request, obj, bound),
        )

    return view


def serve_file(file: FieldFile | None, *, as_attachment: bool = False) -> FileResponse:
    """A stored upload, answered by a view that found its owner in scope; 404 when there is none."""
    if not file:
        raise Http404
    return FileResponse(
        file.open("rb"), as_attachment=as_attachment, filename=(file.name or "").rsplit("/", 1)[-1]
    )
