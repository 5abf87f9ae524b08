from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from xingcun.core import audit
from xingcun.core.http import ScopedRequest
from xingcun.core.permissions import AUDIT_VIEW, request_has, requires
from xingcun.posts import forms, selectors, services
from xingcun.posts.models import Post, PostAssignment
from xingcun.posts.permissions import POST_APPLY, POST_CONFIG, POST_EDIT, POST_HOME, POST_VIEW


def _errors(request: ScopedRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(request: ScopedRequest, form: Any) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


# --- a member's own page ------------------------------------------------------------------------------


@require_GET
@requires(POST_APPLY)
def mine(request: ScopedRequest) -> HttpResponse:
    member = selectors.member_of(request.user)
    context: dict[str, Any] = {"member": member, "today": timezone.localdate()}
    if member is not None:
        assignments = list(selectors.assignments_of(member=member))
        taken = {a.post_id for a in assignments if a.is_live}
        context.update(
            assignments=assignments,
            open_posts=[
                p
                for p in selectors.open_posts_for(member=member, on=timezone.localdate())
                if p.pk not in taken
            ],
            pairings=selectors.pairings_of(member=member),
            help_form=forms.MemberHelpForm(),
        )
    return render(request, "posts/mine.html", context)


@require_POST
@requires(POST_APPLY)
def apply(request: ScopedRequest, pk: int) -> HttpResponse:
    member = selectors.member_of(request.user)
    if member is None:
        messages.error(request, gettext("您的账号尚未关联党员档案，请联系村党组织书记"))
        return redirect("posts:mine")
    post = get_object_or_404(
        selectors.open_posts_for(member=member, on=timezone.localdate()), pk=pk
    )
    try:
        services.assignment_apply(post=post, member=member, by=request.user)
    except ValidationError as e:
        _errors(request, e)
    else:
        messages.success(request, gettext("已选报“%(post)s”，等待党组织定岗") % {"post": post})
    return redirect("posts:mine")


@require_POST
@requires(POST_APPLY)
def help_log(request: ScopedRequest, pk: int) -> HttpResponse:
    member = selectors.member_of(request.user)
    if member is None:
        messages.error(request, gettext("您的账号尚未关联党员档案，请联系村党组织书记"))
        return redirect("posts:mine")
    pairing = get_object_or_404(selectors.pairings_of(member=member), pk=pk)
    form = forms.MemberHelpForm(request.POST)
    if form.is_valid():
        try:
            services.help_log_record(pairing=pairing, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            _errors(request, e)
        else:
            messages.success(
                request, gettext("已记录对%(household)s的帮扶") % {"household": pairing.household}
            )
    else:
        _form_errors(request, form)
    return redirect("posts:mine")


# --- staff: one post and its assignments --------------------------------------------------------------


@require_GET
@requires(POST_VIEW)
def detail(request: ScopedRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(
        Post.objects.select_related("area", "organisation", "post_type"), pk=pk
    )
    can_edit = request_has(request, POST_EDIT)
    return render(
        request,
        "posts/post_detail.html",
        {
            "post": post,
            "assignments": selectors.post_assignments(post),
            "taken": selectors.seats_taken(post),
            "can_edit": can_edit,
            "enrol_form": forms.EnrolForm(post=post) if can_edit else None,
            "review_form": forms.ReviewForm(initial={"year": timezone.localdate().year}),
            "today": timezone.localdate(),
            "history": audit.history(post)[:30] if request_has(request, AUDIT_VIEW) else [],
        },
    )


@require_POST
@requires(POST_EDIT)
def enrol(request: ScopedRequest, pk: int) -> HttpResponse:
    """Staff record an application a member made on paper (选岗)."""
    post = get_object_or_404(Post.objects.all(), pk=pk)
    form = forms.EnrolForm(request.POST, post=post)
    if form.is_valid():
        try:
            services.assignment_apply(
                post=post, member=form.cleaned_data["member"], by=request.user
            )
        except ValidationError as e:
            _errors(request, e)
        else:
            messages.success(
                request, gettext("已登记%(value)s选岗") % {"value": form.cleaned_data["member"]}
            )
    else:
        _form_errors(request, form)
    return redirect("posts:detail", pk=post.pk)


def _act(
    request: ScopedRequest, pk: int, act: Callable[[PostAssignment], Any], done: str
) -> HttpResponse:
    assignment = get_object_or_404(PostAssignment.objects.select_related("post"), pk=pk)
    try:
        act(assignment)
    except ValidationError as e:
        _errors(request, e)
    else:
        messages.success(request, done.format(member=assignment.member))
    return redirect("posts:detail", pk=assignment.post_id)


def _reason(request: ScopedRequest) -> str:
    return str(request.POST.get("reason", ""))


@require_POST
@requires(POST_EDIT)
def assign(request: ScopedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda a: services.assignment_assign(assignment=a, by=request.user),
        "{member}已定岗，进入公示",
    )


@require_POST
@requires(POST_EDIT)
def decline(request: ScopedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda a: services.assignment_decline(
            assignment=a, by=request.user, reason=_reason(request)
        ),
        "{member}不予定岗",
    )


@require_POST
@requires(POST_EDIT)
def start(request: ScopedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda a: services.assignment_start(assignment=a, by=request.user),
        "{member}已上岗",
    )


@require_POST
@requires(POST_EDIT)
def end(request: ScopedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda a: services.assignment_end(assignment=a, by=request.user, reason=_reason(request)),
        "{member}已离岗",
    )


@require_POST
@requires(POST_EDIT)
def review(request: ScopedRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(PostAssignment.objects.select_related("post"), pk=pk)
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_record(assignment=assignment, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            _errors(request, e)
        else:
            messages.success(
                request, gettext("已完成%(member)s的述岗评岗") % {"member": assignment.member}
            )
    else:
        _form_errors(request, form)
    return redirect("posts:detail", pk=assignment.post_id)


@require_POST
@requires(POST_EDIT)
def start_due(request: ScopedRequest) -> HttpResponse:
    count = services.assignments_start_due(by=request.user)
    messages.success(request, gettext("%(count)s名公示期满的党员已上岗") % {"count": count})
    return redirect("core:posts-list")


@require_GET
@requires(POST_HOME)
def home(request: ScopedRequest) -> HttpResponse:
    """The 设岗定责 entry: a member goes to their own posts; staff see what waits for them."""
    if not request_has(request, POST_VIEW):
        return redirect("posts:mine")
    return render(
        request,
        "posts/home.html",
        {
            "counts": selectors.overview(on=timezone.localdate()),
            "waiting": selectors.waiting_assignments()[:50],
            "can_edit": request_has(request, POST_EDIT),
            "can_config": request_has(request, POST_CONFIG),
        },
    )
