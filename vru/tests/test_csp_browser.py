"""The key pages under the Content-Security-Policy in a real browser: nothing is refused, and the scripts
still run (the js-enabled class, the Swagger UI, the charts drawn)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from programmes.models import PerformanceReport
from programmes.tests.reporting.fixtures import build_report_data
from vru.tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "vru-demo-2026"
# Runs before any of the page's own scripts, and is not itself subject to the page's policy.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(`${event.violatedDirective} refused ${event.blockedURI || 'inline'}`);
});
"""


def test_key_pages_run_under_the_policy_with_nothing_refused(live_server, page):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    admin.set_password(PASSWORD)
    admin.save()
    build_report_data()
    call_command("build_performance_report", "--period", "2025-Q1", stdout=io.StringIO())
    report = PerformanceReport.objects.get()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH_VIOLATIONS)
    page.set_default_timeout(15_000)
    url = live_server.url

    def visit(path):
        response = page.goto(f"{url}{path}")
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")

    def nothing_refused():
        refused = page.evaluate("window.__cspViolations")
        messages = [text for text in console if "Content Security Policy" in text]
        assert refused == [] and messages == [], f"{page.url}: {refused} {messages}"

    page.goto(f"{url}{reverse('login')}")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # The dashboard: the inline script ran with its nonce, and GOV.UK Frontend's modules started.
    visit(reverse("programmes:dashboard"))
    expect(page.locator("body")).to_have_class("govuk-template__body js-enabled govuk-frontend-supported")
    expect(page.locator(".vru-header-account")).to_have_css("text-align", "right")
    nothing_refused()

    # A report: its server-drawn SVG charts are shown, with their styles from the static stylesheet.
    visit(report.get_absolute_url())
    charts = page.locator("svg[role=img]")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 4
    assert charts.first.bounding_box()["width"] > 100
    nothing_refused()

    # The API tokens page: make one, shown once.
    visit(reverse("api_tokens:list"))
    page.get_by_label("Name").fill("Browser check")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator("#token-value")).to_contain_text("vru_")
    nothing_refused()

    # The admin: its own scripts (the changelist's actions, the theme toggle) and the report's change page.
    for path in (
        reverse("admin:index"),
        reverse("admin:programmes_performancereport_changelist"),
        reverse("admin:programmes_performancereport_change", args=[report.pk]),
    ):
        visit(path)
        nothing_refused()
    expect(page.locator(".vru-admin-snapshot")).to_have_css("white-space", "pre-wrap")

    # The API docs: Swagger UI starts from the site's own script and lists the operations.
    visit(reverse("api-docs"))
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    nothing_refused()

    # The watch would see a refusal: a style attribute set by a script is refused.
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_timeout(200)
    assert any("style-src" in refused for refused in page.evaluate("window.__cspViolations"))
