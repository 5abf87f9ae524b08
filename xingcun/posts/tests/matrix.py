"""Permission-matrix rows of the 设岗定责 pages (see xingcun/core/tests/matrix.py)."""

from __future__ import annotations

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, Row, registry_rows

ACT = (302, 302, 302, 403, 403, 403)  # staff actions redirect back to the post
HOME = (200, 200, 200, 302, 403, 403)  # a member is sent on to "my posts"
MEMBER_ONLY = (403, 403, 403, 200, 403, 403)
# The matrix's member has no party-member record: the action stops before looking the object up
# and sends them back to "my posts" with an explanation, inside and outside alike.
MEMBER_ACT = (403, 403, 403, 302, 403, 403)

ROWS: list[Row] = [
    Row("posts:home", expect=HOME),
    Row("posts:mine", expect=MEMBER_ONLY),
    Row("posts:start-due", method="post", expect=ACT),
    Row("posts:detail", expect=CADRES, obj="posts.post"),
    Row("posts:apply", method="post", expect=MEMBER_ACT, obj="posts.post", outside=302),
    Row("posts:enrol", method="post", expect=ACT, obj="posts.post"),
    Row("posts:assign", method="post", expect=ACT, obj="posts.assignment"),
    Row("posts:decline", method="post", expect=ACT, obj="posts.assignment"),
    Row("posts:start", method="post", expect=ACT, obj="posts.assignment"),
    Row("posts:end", method="post", expect=ACT, obj="posts.assignment"),
    Row("posts:review", method="post", expect=ACT, obj="posts.assignment"),
    Row("posts:help", method="post", expect=MEMBER_ACT, obj="posts.pairing", outside=302),
    *registry_rows("post-types", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("post-rules", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("posts", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("household-pairings", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("help-logs", CADRES, CADRES, DISTRICT_ONLY),
]


def objects(village, side):
    from xingcun.posts.tests.factories import (
        HelpLogFactory,
        PostAssignmentFactory,
        PostRuleFactory,
    )

    assignment = PostAssignmentFactory(area=village)
    log = HelpLogFactory(area=village)
    return {
        "posts.post": assignment.post,
        "posts.assignment": assignment,
        "posts.pairing": log.pairing,
        "post-types": assignment.post.post_type,
        "post-rules": PostRuleFactory(area=village),
        "posts": assignment.post,
        "household-pairings": log.pairing,
        "help-logs": log,
    }
