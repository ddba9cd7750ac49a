"""Make docs/show-html.png, the picture of ``referat show --html`` in the README (run by hand).

    python docs/picture.py        # needs Chromium (apt-get install chromium) and Playwright

It writes the page of a bundled example, opens it in headless Chromium, clicks item 3 (so its
source lines are highlighted, as a user would see them) and saves a 1200x700 screenshot in 64 colours.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("no Chromium: apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "view.html"
        subprocess.run([sys.executable, "-m", "referat_parser", "show", "fixtures/godstrup-fsg-2025-04-25.txt",
                        "--html", str(page_file)], check=True, cwd=ROOT)  # the page shows the path as given
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 700})
            page.goto(page_file.as_uri())
            page.click("#item-3 .item-head h3")
            page.wait_for_timeout(500)  # the source pane scrolls to the lines smoothly
            png = ROOT / "docs" / "show-html.png"
            page.screenshot(path=str(png))
            browser.close()
    from PIL import Image  # Pillow comes with fpdf2, a dev dependency: 64 colours keep the file small

    Image.open(png).convert("RGB").quantize(64).save(png, optimize=True)


if __name__ == "__main__":
    main()
