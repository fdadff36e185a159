"""The web map in a real browser (Debian's chromium): slider, filters, event panel, review.

Screenshots go to bench/results/web/ so a person can look at what the tests saw.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from serving import SCREENSHOTS, LiveServer

READY = "body[data-ready=true]"


def _open(browser: Any, url: str) -> Any:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    page.goto(url)
    page.wait_for_selector(READY, state="attached", timeout=20_000)
    return page


def _shown(page: Any) -> int:
    return int(page.locator("#event-list li").count())


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_web_map_slider_filter_panel_and_review(browser: Any, write_server: LiveServer) -> None:
    page = _open(browser, write_server.url + "/")
    total = write_server.store.count_events()
    assert _shown(page) == total
    assert page.locator(".leaflet-overlay-pane path, .leaflet-overlay-pane canvas").count() > 0
    _shot(page, "01-map-all-events")

    # The slider back to the first day shows only that day's events.
    page.focus("#day")
    page.keyboard.press("Home")
    first_day = page.inner_text("#day-label")
    on_first_day = _shown(page)
    assert 0 < on_first_day < total
    assert all(first_day in text for text in page.locator("#event-list li").all_inner_texts())
    page.keyboard.press("End")
    assert _shown(page) == total

    # A filter mirrors the API: the list holds what GET /api/events returns.
    page.select_option("select[name=admin1]", "Badakhshan")
    page.click("#filters button[type=submit]")
    expected = write_server.get("/api/events", admin1="Badakhshan", limit=1000)["items"]
    expect(page.locator("#event-list li")).to_have_count(len(expected))
    assert "admin1=Badakhshan" in page.url
    _shot(page, "02-filtered-badakhshan")

    # Open the event with the most evidence: its sentences are highlighted in the source text.
    details = [write_server.get(f"/api/events/{item['event_id']}") for item in expected]
    chosen = max(details, key=lambda d: len(d["event"]["evidence"]))
    page.click(f"#event-list button[data-event-id='{chosen['event_id']}']")
    page.wait_for_selector("mark.evidence")
    marks = set(page.locator("mark.evidence").all_inner_texts())
    assert {e["text"] for e in chosen["event"]["evidence"]} <= marks
    assert page.locator(".source").count() == len(chosen["event"]["sources"])
    assert f"event={chosen['event_id']}" in page.url
    _shot(page, "03-event-panel-evidence")

    # Review it: edit the fatalities with a reason; the audit entry appears in the panel.
    page.fill(".review input[name=token]", write_server.token)
    page.fill(".review input[name=reason]", "hospital figure")
    page.select_option(".review select[name=field]", "fatalities")
    page.fill(".review input[name=value]", "4")
    page.click(".review button:text('Edit field')")
    page.wait_for_selector(".history li")
    entry = page.inner_text(".history li")
    assert "analyst-1" in entry and "fatalities" in entry and "hospital figure" in entry
    stored = write_server.get(f"/api/events/{chosen['event_id']}")
    assert stored["event"]["fatalities"] == 4 and stored["review"]["version"] == 1
    page.locator(".review").scroll_into_view_if_needed()
    _shot(page, "04-reviewed-audit-entry")

    # Undo from the panel puts the figure back.
    page.click(".history button.undo")
    expect(page.locator(".history li")).to_have_count(2)
    restored = write_server.get(f"/api/events/{chosen['event_id']}")
    assert restored["event"]["fatalities"] == chosen["event"]["fatalities"]
    assert page.errors == []


def test_web_deep_link_restores_filters_day_and_event(
    browser: Any, write_server: LiveServer
) -> None:
    items = write_server.get("/api/events", limit=1000)["items"]
    event = next(item for item in items if item["admin1"] == "Kunduz")
    link = f"{write_server.url}/#admin1=Kunduz&day={event['event_date']}&event={event['event_id']}"
    page = _open(browser, link)
    page.wait_for_selector("#panel:not([hidden]) dl")
    assert page.input_value("select[name=admin1]") == "Kunduz"
    assert page.inner_text("#day-label") == event["event_date"]
    assert event["location"] in page.inner_text("#panel-title")
    page.keyboard.press("Escape")
    assert page.locator("#panel").is_hidden()
    assert "event=" not in page.url
    assert page.errors == []


def test_web_map_is_keyboard_usable(browser: Any, write_server: LiveServer) -> None:
    page = _open(browser, write_server.url + "/")
    first = page.locator("#event-list button").first
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel:not([hidden]) dl")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "panel-title"
    page.keyboard.press("Escape")
    page.focus("#play")
    page.keyboard.press("Enter")
    assert page.get_attribute("#play", "aria-pressed") == "true"
    page.keyboard.press("Enter")
    assert page.get_attribute("#play", "aria-pressed") == "false"
