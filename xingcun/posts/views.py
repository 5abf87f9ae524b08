from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_GET, require_POST

from xingcun.core import audit
from xingcun.core.actions import attempt, attempt_form, object_action
from xingcun.core.http import ScopedRequest
from xingcun.core.permissions import AUDIT_VIEW, request_has, requires
from xingcun.posts import forms, selectors, services
from xingcun.posts.models import Post, PostAssignment
from xingcun.posts.permissions import POST_APPLY, POST_CONFIG, POST_EDIT, POST_HOME, POST_VIEW

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
    attempt(
        request,
        lambda: services.assignment_apply(post=post, member=member, by=request.user),
        gettext("已选报“%(post)s”，等待党组织定岗") % {"post": post},
    )
    return redirect("posts:mine")


@require_POST
@requires(POST_APPLY)
def help_log(request: ScopedRequest, pk: int) -> HttpResponse:
    member = selectors.member_of(request.user)
    if member is None:
        messages.error(request, gettext("您的账号尚未关联党员档案，请联系村党组织书记"))
        return redirect("posts:mine")
    pairing = get_object_or_404(selectors.pairings_of(member=member), pk=pk)
    attempt_form(
        request,
        forms.MemberHelpForm(request.POST),
        lambda data: services.help_log_record(pairing=pairing, by=request.user, **data),
        gettext("已记录对%(household)s的帮扶") % {"household": pairing.household},
    )
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
    attempt_form(
        request,
        forms.EnrolForm(request.POST, post=post),
        lambda data: services.assignment_apply(post=post, member=data["member"], by=request.user),
        lambda made: gettext("已登记%(value)s选岗") % {"value": made.member},
    )
    return redirect("posts:detail", pk=post.pk)


def _assignment_action(
    service: Callable[..., PostAssignment], done: str, *, reason: bool = False
) -> Callable[..., Any]:
    """A step of an assignment taken by `service` (given the posted `reason` when it needs one);
    `done` names the member as {member}."""
    return object_action(
        POST_EDIT,
        find=lambda request, pk: get_object_or_404(
            PostAssignment.objects.select_related("post"), pk=pk
        ),
        act=lambda request, a: service(
            assignment=a,
            by=request.user,
            **({"reason": str(request.POST.get("reason", ""))} if reason else {}),
        ),
        done=lambda a: gettext(done).format(member=a.member),
        back=lambda assignment: redirect("posts:detail", pk=assignment.post_id),
    )


assign = _assignment_action(services.assignment_assign, gettext_noop("{member}已定岗，进入公示"))
decline = _assignment_action(
    services.assignment_decline, gettext_noop("{member}不予定岗"), reason=True
)
start = _assignment_action(services.assignment_start, gettext_noop("{member}已上岗"))
end = _assignment_action(services.assignment_end, gettext_noop("{member}已离岗"), reason=True)


@require_POST
@requires(POST_EDIT)
def review(request: ScopedRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(PostAssignment.objects.select_related("post"), pk=pk)
    attempt_form(
        request,
        forms.ReviewForm(request.POST),
        lambda data: services.review_record(assignment=assignment, by=request.user, **data),
        gettext("已完成%(member)s的述岗评岗") % {"member": assignment.member},
    )
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
