"""Hostile page text (titles, comments, authors, links) is shown as text: nothing runs.

A document with `<script>`, `<img onerror>` and `javascript:` payloads is posted through the
API like any report, then opened in the real browser.
"""

from __future__ import annotations

from typing import Any

from serving import SCREENSHOTS, LiveServer

SCRIPT = "<script>window.__xss = 'script'; alert('script')</script>"
IMG = "<img src=x onerror=\"window.__xss = 'img'; alert('img')\">"
# Payloads an author line can carry (the cleaner reads "NAME's Avatar" lines as authors).
AUTHOR_IMG = "<img/src=x/onerror=alert(1)>"
AUTHOR_SCRIPT = "<script>alert(4)</script>"
LINK = "javascript:alert('link')"
HOSTILE = {
    "id": "hostile-1",
    "outlet": f"Wire {IMG}",
    "url": LINK,
    "published": "2021-07-06",
    "title": f"Kunduz clash {SCRIPT}",
    "text": (
        "KUNDUZ - Taliban fighters attacked a police checkpoint in Imam Sahib district of Kunduz "
        "province on Monday night, killing three policemen, a provincial spokesman said.\n\n"
        "Join the discussion\n3 comments\n"
        f"{AUTHOR_IMG}'s Avatar\nThey never learn. {SCRIPT}\nReply · Report\n"
        f"{AUTHOR_SCRIPT}'s Avatar\nclick [here]({LINK}) now {IMG}\nReply · Report\n"
    ),
}


def test_web_hostile_texts_are_escaped_and_nothing_runs(
    browser: Any, write_server: LiveServer
) -> None:
    with write_server.client(token=True) as client:
        stored = client.post("/api/documents", json={"documents": [HOSTILE]})
    assert stored.status_code == 200, stored.text
    assert stored.json()["documents"][0]["events"] >= 1
    document = write_server.get("/api/documents/hostile-1")
    assert [c["author"] for c in document["comments"]] == [AUTHOR_IMG, AUTHOR_SCRIPT]
    assert SCRIPT in document["comments"][0]["text"] and SCRIPT in document["title"]
    events = write_server.get("/api/events", admin1="Kunduz", limit=1000)["items"]
    hostile = [
        e
        for e in events
        if "hostile-1"
        in {
            s["doc_id"]
            for s in write_server.get(f"/api/events/{e['event_id']}")["event"]["sources"]
        }
    ]
    assert hostile

    page = browser.new_page(viewport={"width": 1440, "height": 900})
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{write_server.url}/#event={hostile[0]['event_id']}")
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=20_000)
    page.wait_for_selector(".source[data-doc-id='hostile-1']")
    page.click(".source[data-doc-id='hostile-1'] details summary")
    page.hover(".source[data-doc-id='hostile-1'] .comments li >> nth=-1")
    page.hover(".source[data-doc-id='hostile-1'] .doc-title")
    page.locator(".source[data-doc-id='hostile-1'] .body").scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "05-xss-payloads-shown-as-text.png"))

    panel = page.inner_text("#panel")
    for payload in (SCRIPT, IMG, AUTHOR_IMG, AUTHOR_SCRIPT, LINK):
        assert payload in panel, f"{payload!r} is not shown as text"
    assert page.evaluate("window.__xss === undefined")
    assert dialogs == [] and errors == []
    # Only the page's own three scripts exist; no element came from a payload.
    assert page.locator("script").count() == 3
    assert page.locator("#panel img, #panel b, #panel script").count() == 0
    hrefs = page.eval_on_selector_all("#panel a", "links => links.map(a => a.href)")
    assert not any(href.startswith("javascript:") for href in hrefs)
    assert page.locator("#panel [onerror], #panel [onmouseover]").count() == 0
    page.close()
