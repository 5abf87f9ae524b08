"""Roles and permissions. A user holds one role at one node (Membership); a role grants permissions.

Object visibility is the scope's job (`core.scoping`); this module answers only "may this role do
this kind of thing at all". A role without the permission gets 403; an object outside the
jurisdiction gets 404 whatever the role.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DISTRICT = "district", _("区委组织部")
    TOWN = "town", _("镇街干部")
    VILLAGE = "village", _("村党组织书记")
    MEMBER = "member", _("党员")
    EXPERT = "expert", _("专家")
    PARTNER = "partner", _("合作单位")


# Which level of the tree each role is held at (Area.Level values).
ROLE_LEVELS: dict[str, set[int]] = {
    Role.DISTRICT: {1, 2, 3},
    Role.TOWN: {4},
    Role.VILLAGE: {5},
    Role.MEMBER: {4, 5},
    Role.EXPERT: {3, 4, 5},
    Role.PARTNER: {3, 4, 5},
}

AREA_VIEW = "areas.view"
AREA_EDIT = "areas.edit"
ORG_VIEW = "organisations.view"
ORG_EDIT = "organisations.edit"
ORG_DELETE = "organisations.delete"
PERSON_VIEW = "people.view"
PERSON_EDIT = "people.edit"
PERSON_DELETE = "people.delete"
PERSON_VIEW_PII = "people.view_pii"
PROFILE_VIEW = "villages.view"
PROFILE_EDIT = "villages.edit"
PROFILE_DELETE = "villages.delete"
PROJECT_VIEW = "projects.view"
PROJECT_EDIT = "projects.edit"
PROJECT_DELETE = "projects.delete"
AUDIT_VIEW = "audit.view"
USER_MANAGE = "accounts.manage"
REPORT_VIEW = "reports.view"
REPORT_EDIT = "reports.edit"
INDICATOR_VIEW = "indicators.view"
SNAPSHOT_MANAGE = "indicators.snapshot"

_READ_ALL = {
    AREA_VIEW,
    ORG_VIEW,
    PERSON_VIEW,
    PROFILE_VIEW,
    PROJECT_VIEW,
    AUDIT_VIEW,
    REPORT_VIEW,
    INDICATOR_VIEW,
}
_EDIT_ALL = {ORG_EDIT, PERSON_EDIT, PROFILE_EDIT, PROJECT_EDIT}
_DELETE_ALL = {ORG_DELETE, PERSON_DELETE, PROFILE_DELETE, PROJECT_DELETE}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.DISTRICT: frozenset(
        _READ_ALL
        | _EDIT_ALL
        | _DELETE_ALL
        | {AREA_EDIT, PERSON_VIEW_PII, USER_MANAGE, REPORT_EDIT, SNAPSHOT_MANAGE}
    ),
    Role.TOWN: frozenset(_READ_ALL | _EDIT_ALL),
    Role.VILLAGE: frozenset(_READ_ALL | _EDIT_ALL | {PERSON_VIEW_PII}),
    Role.MEMBER: frozenset({AREA_VIEW, ORG_VIEW, PROJECT_VIEW}),
    Role.EXPERT: frozenset({AREA_VIEW, PROJECT_VIEW}),
    Role.PARTNER: frozenset({AREA_VIEW, PROJECT_VIEW}),
}


def role_has(role: str | None, perm: str) -> bool:
    return role is not None and perm in ROLE_PERMISSIONS.get(role, frozenset())


def request_has(request: HttpRequest, perm: str) -> bool:
    membership = getattr(request, "membership", None)
    if membership is None:
        return bool(getattr(request.user, "is_superuser", False))
    return role_has(membership.role, perm)


V = TypeVar("V", bound=Callable[..., HttpResponseBase])


def requires(*perms: str) -> Callable[[V], V]:
    """View decorator: the logged-in user's active role must hold every permission."""

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            if not all(request_has(request, p) for p in perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


# --- 借智借力: orders, secretaries, finance, universities, operators (issue 6) -------------------
ORDER_VIEW = "orders.view"
ORDER_CREATE = "orders.create"
ORDER_DISPATCH = "orders.dispatch"
ORDER_RESPOND = "orders.respond"
ORDER_RATE = "orders.rate"
ORDER_CONFIG = "orders.config"
TALENT_VIEW = "orders.talent_view"
TALENT_EDIT = "orders.talent_edit"
TALENT_DELETE = "orders.talent_delete"
SECRETARY_VIEW = "secretaries.view"
SECRETARY_EDIT = "secretaries.edit"
SECRETARY_DELETE = "secretaries.delete"
SECRETARY_CONFIG = "secretaries.config"
FINANCE_VIEW = "finance.view"
FINANCE_EDIT = "finance.edit"
FINANCE_DELETE = "finance.delete"
UNIVERSITY_VIEW = "universities.view"
UNIVERSITY_EDIT = "universities.edit"
UNIVERSITY_DELETE = "universities.delete"
OPERATOR_VIEW = "operators.view"
OPERATOR_EDIT = "operators.edit"
OPERATOR_DELETE = "operators.delete"
OPERATOR_REVIEW = "operators.review"
PARTNER_PORTAL = "partners.portal"  # a partner's own pages: loans, dispatches, operator results
FINANCE_HOME = "finance.home"  # the 政银共建 page: cadres see all, a partner its own bank's
UNIVERSITY_HOME = "universities.home"
OPERATOR_HOME = "operators.home"
_RESOURCES_HOMES = {FINANCE_HOME, UNIVERSITY_HOME, OPERATOR_HOME}

_RESOURCES_READ = {
    ORDER_VIEW,
    TALENT_VIEW,
    SECRETARY_VIEW,
    FINANCE_VIEW,
    UNIVERSITY_VIEW,
    OPERATOR_VIEW,
}
_RESOURCES_EDIT = {TALENT_EDIT, SECRETARY_EDIT, FINANCE_EDIT, UNIVERSITY_EDIT, OPERATOR_EDIT}
_RESOURCES_GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: _RESOURCES_READ
    | _RESOURCES_EDIT
    | _RESOURCES_HOMES
    | {
        ORDER_CREATE,
        ORDER_DISPATCH,
        ORDER_CONFIG,
        TALENT_DELETE,
        SECRETARY_DELETE,
        SECRETARY_CONFIG,
        FINANCE_DELETE,
        UNIVERSITY_DELETE,
        OPERATOR_DELETE,
        OPERATOR_REVIEW,
    },
    Role.TOWN: _RESOURCES_READ
    | _RESOURCES_EDIT
    | _RESOURCES_HOMES
    | {ORDER_CREATE, ORDER_DISPATCH},
    Role.VILLAGE: _RESOURCES_READ | _RESOURCES_HOMES | {ORDER_CREATE, ORDER_RATE},
    Role.EXPERT: {ORDER_VIEW, ORDER_RESPOND},
    Role.PARTNER: _RESOURCES_HOMES | {PARTNER_PORTAL},
}
for _role, _granted in _RESOURCES_GRANTS.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | _granted


# --- 组织振兴: alliances, pairing, ecommerce (issue 4) ---------------------------------------------
ALLIANCE_VIEW = "alliances.view"
ALLIANCE_EDIT = "alliances.edit"
ALLIANCE_DELETE = "alliances.delete"
PAIRING_VIEW = "pairing.view"
PAIRING_EDIT = "pairing.edit"
PAIRING_DELETE = "pairing.delete"
PAIRING_RECOMMEND = "pairing.recommend"  # run the recommendation, accept proposals
PAIRING_CONFIGURE = "pairing.configure"  # catalogues, weights, targets, 双整 checklist
STANDING_EDIT = "pairing.standing_edit"  # star levels, titles, 软弱后进
ECOMMERCE_VIEW = "ecommerce.view"
ECOMMERCE_EDIT = "ecommerce.edit"
ECOMMERCE_DELETE = "ecommerce.delete"
ECOMMERCE_CONFIGURE = "ecommerce.configure"  # 淘宝村/淘宝镇 rules

_ORGANISATION_READ = {ALLIANCE_VIEW, PAIRING_VIEW, ECOMMERCE_VIEW}
_ORGANISATION_EDIT = {ALLIANCE_EDIT, PAIRING_EDIT, ECOMMERCE_EDIT}
_ORGANISATION_GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: _ORGANISATION_READ
    | _ORGANISATION_EDIT
    | {
        ALLIANCE_DELETE,
        PAIRING_DELETE,
        PAIRING_RECOMMEND,
        PAIRING_CONFIGURE,
        STANDING_EDIT,
        ECOMMERCE_DELETE,
        ECOMMERCE_CONFIGURE,
    },
    Role.TOWN: _ORGANISATION_READ | _ORGANISATION_EDIT | {STANDING_EDIT},
    Role.VILLAGE: _ORGANISATION_READ | _ORGANISATION_EDIT,
}
for _role, _granted in _ORGANISATION_GRANTS.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | _granted


# --- 党员作用: vanguard index, star rating, honours (issue 5, parts 3–5) -------------------------
VANGUARD_SELF = "vanguard.self"  # one's own score, its explanation, objections during 公示
VANGUARD_VIEW = "vanguard.view"
VANGUARD_RECORD = "vanguard.record"  # record and correct score events
VANGUARD_APPROVE = "vanguard.approve"  # approve events recorded by a village
VANGUARD_ANSWER = "vanguard.answer"  # the branch answers an objection
VANGUARD_MANAGE = "vanguard.manage"  # compute, publicise, finalise rounds; decide objections
VANGUARD_CONFIG = "vanguard.config"  # scheme versions
RATING_VIEW = "ratings.view"
RATING_SELF = "ratings.self_score"  # a village organisation scores itself
RATING_TOWN = "ratings.town_score"
RATING_CONFIRM = "ratings.confirm"  # district confirmation (quotas), 公示, final
RATING_CONFIG = "ratings.config"
HONOUR_VIEW = "honours.view"
HONOUR_EDIT = "honours.edit"
HONOUR_DELETE = "honours.delete"

_MEMBERS_GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {
        VANGUARD_SELF,
        VANGUARD_VIEW,
        VANGUARD_RECORD,
        VANGUARD_APPROVE,
        VANGUARD_MANAGE,
        VANGUARD_CONFIG,
        RATING_VIEW,
        RATING_CONFIRM,
        RATING_CONFIG,
        HONOUR_VIEW,
        HONOUR_EDIT,
        HONOUR_DELETE,
    },
    Role.TOWN: {
        VANGUARD_SELF,
        VANGUARD_VIEW,
        VANGUARD_RECORD,
        VANGUARD_APPROVE,
        VANGUARD_MANAGE,
        RATING_VIEW,
        RATING_TOWN,
        HONOUR_VIEW,
        HONOUR_EDIT,
    },
    Role.VILLAGE: {
        VANGUARD_SELF,
        VANGUARD_VIEW,
        VANGUARD_RECORD,
        VANGUARD_ANSWER,
        RATING_VIEW,
        RATING_SELF,
        HONOUR_VIEW,
        HONOUR_EDIT,
    },
    Role.MEMBER: {VANGUARD_SELF, HONOUR_VIEW},
}
for _role, _granted in _MEMBERS_GRANTS.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | _granted


# --- 党员作用: competitions, posts, wishes and visits (issue 5, parts 1, 2, 6) ---------------------
COMPETITION_VIEW = "competitions.view"  # scoreboards, also for members of the branch
COMPETITION_EDIT = "competitions.edit"  # competitions, party groups, entries
COMPETITION_DELETE = "competitions.delete"
POST_HOME = "posts.home"  # the 设岗定责 entry: staff see the overview, members their own posts
POST_APPLY = "posts.apply"  # a member's own posts, pairings and applications
POST_VIEW = "posts.view"
POST_EDIT = "posts.edit"  # open posts, assign, publicise, review; pairings and help logs
POST_DELETE = "posts.delete"
POST_CONFIG = "posts.config"  # the post catalogue and the 公示 rule
WISH_VIEW = "wishes.view"  # the wish wall and a wish's page
WISH_CLAIM = "wishes.claim"
WISH_EDIT = "wishes.edit"  # record, verify, publish, withdraw, confirm; the wish register
WISH_DELETE = "wishes.delete"
WISH_CONFIG = "wishes.config"  # claim period and points
VISIT_VIEW = "wishes.visit_view"
VISIT_EDIT = "wishes.visit_edit"
VISIT_DELETE = "wishes.visit_delete"

_SERVICE_CADRE = {
    POST_HOME,
    COMPETITION_VIEW,
    COMPETITION_EDIT,
    POST_VIEW,
    POST_EDIT,
    WISH_VIEW,
    WISH_CLAIM,
    WISH_EDIT,
    VISIT_VIEW,
    VISIT_EDIT,
}
_SERVICE_GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: _SERVICE_CADRE
    | {COMPETITION_DELETE, POST_DELETE, POST_CONFIG, WISH_DELETE, WISH_CONFIG, VISIT_DELETE},
    Role.TOWN: _SERVICE_CADRE,
    Role.VILLAGE: _SERVICE_CADRE,
    Role.MEMBER: {COMPETITION_VIEW, POST_HOME, POST_APPLY, WISH_VIEW, WISH_CLAIM},
}
for _role, _granted in _SERVICE_GRANTS.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | _granted
