from __future__ import annotations

from decimal import Decimal

from django_scopes import scopes_disabled

from xingcun.core.permissions import Role
from xingcun.core.tests.clients import assert_lists_only
from xingcun.finance.models import Loan
from xingcun.finance.tests.factories import LoanFactory, LoanProductFactory, RateRuleFactory


def test_registry_form_computes_cost_and_refuses_bad_rate(tree, client_as):
    RateRuleFactory(area=tree.district, year=2020, reference_rate=Decimal("6.000"))
    product = LoanProductFactory(area=tree.district)
    client = client_as(Role.DISTRICT, tree.district)
    data = {
        "area": tree.village_a.pk,
        "product": product.pk,
        "borrower_kind": "collective",
        "borrower": "合作社",
        "amount": "200",
        "rate": "5",
        "issued_on": "2020-03-01",
        "term_months": 24,
        "purpose": "debt",
    }
    assert client.post("/r/loans/new/", data).status_code == 302
    with scopes_disabled():
        assert Loan.objects.get().cost_saved == Decimal("4.0000")  # 200 × 1% × 2
    bad = client.post("/r/loans/new/", data | {"rate": "30", "borrower": "另一家"})
    assert "超出合理范围" in bad.content.decode()
    with scopes_disabled():
        assert Loan.objects.count() == 1


def test_bank_login_sees_only_its_banks_loans(tree, partner_client):
    mine = LoanFactory(area=tree.village_a)
    other = LoanFactory(area=tree.village_a)
    client = partner_client(mine.product.bank.users)
    assert_lists_only(client, "/finance/", mine, hidden_url=f"/finance/loans/{other.pk}/")
    assert client.get(f"/finance/loans/{mine.pk}/").status_code == 200


def test_bank_login_enters_a_loan_of_its_own_product(tree, partner_client):
    RateRuleFactory(area=tree.district, year=2020, reference_rate=Decimal("6.000"))
    mine = LoanProductFactory(area=tree.district, rate=Decimal("4.000"), term_months=12)
    other = LoanProductFactory(area=tree.district)
    client = partner_client(mine.bank.users)
    data = {
        "village": tree.village_b.pk,
        "product": mine.pk,
        "borrower_kind": "household",
        "borrower": "王建国",
        "amount": "30",
        "issued_on": "2020-04-01",
        "purpose": "production",
    }
    assert client.post("/finance/loans/new/", data | {"product": other.pk}).status_code == 200
    r = client.post("/finance/loans/new/", data)
    assert r.status_code == 302, r.content.decode()
    with scopes_disabled():
        assert Loan.objects.get().cost_saved == Decimal("0.6000")  # 30 × 2% × 1
    bad = client.post("/finance/loans/new/", data | {"amount": "-3"})
    assert "金额必须大于0" in bad.content.decode()
