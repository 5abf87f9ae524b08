from django.core.files.uploadedfile import SimpleUploadedFile

from xingcun.core.tests.clients import login
from xingcun.vanguard.models import ScoreEvent

HEADER = "党员身份证号,项目代码,发生日期,分值,事实与佐证\n"


def upload(user, text):
    data = {"file": SimpleUploadedFile("events.csv", (HEADER + text).encode())}
    return login(user).post("/vanguard/events/import/", data)


def test_a_file_of_events_is_imported(world):
    alice, bob = world.alice.person.id_number, world.bob.person.id_number
    response = upload(
        world.town,
        f"{alice},volunteer,2020-05-04,,防汛值守\n{bob},dues_late,2020-06-01,2,迟交党费\n",
    )
    assert response.status_code == 302
    events = ScoreEvent._base_manager.order_by("pk")
    assert [(e.member, e.points, e.source) for e in events] == [
        (world.alice, 2, "import"),
        (world.bob, 2, "import"),
    ]
    assert all(e.decision.approved for e in events)


def test_a_bad_row_imports_nothing_and_names_the_row_and_column(world):
    alice = world.alice.person.id_number
    response = upload(
        world.town,
        f"{alice},volunteer,2020-05-04,,防汛值守\n"
        f"{world.dave.person.id_number},volunteer,2020-05-06,,x\n"  # another town
        f"{alice},volunteer,2020/13/01,,x\n"
        f"{alice},volunteer,2020-05-07,abc,\n",
    )
    assert response.status_code == 200
    assert response.context["errors"] == [
        "第3行 党员身份证号: 找不到该党员或不在您的辖区内",
        "第4行 发生日期: 日期无效",
        "第5行 分值: 应为数字",
        "第5行 事实与佐证: 必填",
    ]
    assert not ScoreEvent._base_manager.exists()


def test_rule_errors_roll_back_the_whole_file(world):
    alice = world.alice.person.id_number
    rows = "".join(f"{alice},pair_help,2020-05-0{d},,走访结对户{d}\n" for d in range(1, 5))  # cap 6
    response = upload(world.town, rows + f"{alice},no_such,2020-05-05,,x\n")
    errors = response.context["errors"]
    assert errors[0].startswith("第5行 分值: 超过“结对帮扶示范户、低收入户”的年度上限")
    assert errors[1].startswith("第6行 项目代码: “no_such”不是")
    assert not ScoreEvent._base_manager.exists()


def test_importing_the_same_file_twice_adds_nothing(world):
    text = f"{world.alice.person.id_number},volunteer,2020-05-04,,防汛值守\n"
    upload(world.town, text)
    response = upload(world.town, text)
    assert response.context["errors"] == ["第2行 事实与佐证: 与已登记的事件重复"]
    assert ScoreEvent._base_manager.count() == 1
