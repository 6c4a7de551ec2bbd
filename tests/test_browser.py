"""Headless Chromium (Debian's) driven by Playwright: what a reader does on the document pages."""
import pytest

from conftest import SCREENSHOTS


def test_chinese_page_permalink_opens_the_item(page, server):
    page.goto(f"{server}/2025-national/#item-6")
    heading = page.locator("h3#item-6")
    assert heading.is_visible()
    assert "加强穿透监管" in heading.inner_text()
    assert page.evaluate("document.querySelector(':target').id") == "item-6"
    box = heading.bounding_box()
    assert box and 0 <= box["y"] < 400, "the item is scrolled into view"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "zh-2025-national-item-6.png"))


def test_english_page_parallel_columns_and_english_only_toggle(page, server):
    page.goto(f"{server}/en/2025-national/#item-6")
    row = page.locator("h3#item-6 + .ed-parallel")
    zh, en = row.locator(".ed-zh"), row.locator(".ed-en")
    assert "加强穿透监管" in zh.inner_text() and "penetrating supervision" in en.inner_text()
    zb, eb = zh.bounding_box(), en.bounding_box()
    assert zb["x"] < eb["x"] and abs(zb["y"] - eb["y"]) < 5, "side by side on a wide screen"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "en-2025-national-item-6.png"))
    page.locator("[data-ed-toggle]").click()
    assert not zh.is_visible() and en.is_visible()
    page.reload()
    assert not page.locator("h3#item-6 + .ed-parallel .ed-zh").is_visible(), "the choice is remembered"


def test_narrow_screen_stacks_the_columns(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{server}/en/2024-fujian/#item-4")
    row = page.locator("h3#item-4 + .ed-parallel")
    zb, eb = row.locator(".ed-zh").bounding_box(), row.locator(".ed-en").bounding_box()
    assert eb["y"] > zb["y"] + zb["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()


def test_language_switch_keeps_document_and_item(page, server):
    page.goto(f"{server}/2024-national/#item-9")
    link = page.locator("a[hreflang='en']").first
    href = link.get_attribute("href")
    assert "en/2024-national/" in href
    page.evaluate("document.querySelector(\"a[hreflang='en']\").click()")
    page.wait_for_url("**/en/2024-national/**")
    assert page.url.endswith("/en/2024-national/#item-9")


def test_apparatus_marker_opens_its_correction(page, server):
    page.goto(f"{server}/2023-national/")
    page.locator("a.ed-app-ref[href='#app-e5']").first.click()
    assert page.url.endswith("#app-e5")
    entry = page.locator("#app-e5")
    assert entry.is_visible() and "纠凤" in entry.inner_text() and "纠风" in entry.inner_text()


def test_hovering_a_term_shows_pinyin_and_english(page, server):
    page.goto(f"{server}/2025-national/#item-10")
    term = page.locator("a.ed-term", has_text="三重一大").first
    term.hover()
    tip = page.locator(".ed-tip").inner_text()
    assert "sān zhòng yī dà" in tip and "Three Majors and One Large" in tip
    assert term.get_attribute("href").endswith("glossary/#term-san-zhong-yi-da")
    page.screenshot(path=str(SCREENSHOTS / "zh-term-hover.png"))


@pytest.mark.parametrize("path", ["2025-national/", "en/2025-national/", "glossary/", "en/glossary/"])
def test_phone_width_has_no_horizontal_scrolling(browser, server, path):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(f"{server}/{path}")
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    context.close()
    assert width[0] <= width[1] + 1, f"{path}: content {width[0]}px wide on a {width[1]}px screen"


COMPARISON = "compare/2024-national--2025-national/"


@pytest.mark.parametrize("path", ["2025-national/", "en/2025-national/", "glossary/", COMPARISON, "en/" + COMPARISON])
def test_no_serious_accessibility_violations(page, server, site, path):
    """axe-core on a document page, the glossary and a comparison page."""
    if not (site / path / "index.html").exists():
        pytest.fail(f"the comparison page {path} is missing from the built site: it should exist once "
                    "the comparison pages are built (compare/<pair-id>/)")
    from axe_playwright_python.sync_playwright import Axe
    page.goto(f"{server}/{path}")
    violations = Axe().run(page).response["violations"]
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['html'][:160]}"
               for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)
