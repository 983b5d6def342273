#!/usr/bin/env python3
"""Walks the gateway's console in headless Chromium (WebDriver, selenium) as an operator does.

    console_walk.py BASE_URL OPERATOR_KEY SCREENSHOT_FOLDER

Signs in, filters the ledger, opens a quarantined entry and requeues it, searches members (a MID, a Korean and an
Arabic name), sorts and searches the reconciliation, and looks at the trust store and the overview; a screenshot
of each page goes to SCREENSHOT_FOLDER/console-NAME.png. Prints what it saw as one JSON object on standard output,
for the test (ConsoleBrowserTests) to check.
"""
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

base, key, folder = sys.argv[1:4]
options = Options()
options.binary_location = "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,900", "--lang=en-US", "--force-device-scale-factor=1"):
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.implicitly_wait(10)
seen = {}


def find(selector):
    return driver.find_element(By.CSS_SELECTOR, selector)


def find_all(selector):
    return driver.find_elements(By.CSS_SELECTOR, selector)


def follow(element):
    """Clicks a link or a form's button and waits until the page it leads to has replaced this one."""
    element.click()
    WebDriverWait(driver, 20).until(expected_conditions.staleness_of(element))


def cells(row):
    return [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]


def shot(name):
    """The whole page, up to 2400 pixels high."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, max(600, min(int(height) + 20, 2400)))
    driver.save_screenshot(os.path.join(folder, f"console-{name}.png"))
    driver.set_window_size(1280, 900)


try:
    # Signing in: the ledger asked for sends the browser to the sign-in page, and back once signed in.
    driver.get(base + "/console/ledger")
    seen["signInPage"] = driver.current_url.replace(base, "")
    shot("sign-in")
    find("#key").send_keys(key)
    follow(find("#sign-in"))
    seen["afterSignIn"] = driver.current_url.replace(base, "")
    seen["signedInAs"] = find("#signed-in").text

    # The ledger, filtered: eu-aeo's refused files.
    Select(find("#partner")).select_by_value("eu-aeo")
    Select(find("#outcome")).select_by_value("refused")
    follow(find("#filter"))
    seen["ledgerURL"] = driver.current_url.replace(base, "")
    seen["ledgerCount"] = find("#count").text
    seen["ledgerRows"] = [cells(row) for row in find_all("#ledger-table tbody tr[data-entry]")]
    shot("ledger")

    # The quarantine, then its tampered file's entry: reason, verification report, receipt; requeue it.
    driver.get(base + "/console/quarantine")
    seen["quarantineCount"] = find("#count").text
    shot("quarantine")
    link = [row for row in find_all("#ledger-table tbody tr[data-entry]") if "tampered" in row.text][0]
    follow(link.find_element(By.TAG_NAME, "a"))
    seen["entry"] = {
        "id": find("#entry-id").text,
        "outcome": find("#outcome").text,
        "reason": find("#reason").text,
        "verification": "anchorFingerprint" in find("#verification").text,
        "receipt": "urn:mra-gateway:receipt:1" in find("#receipt").text,
        "requeueButton": len(find_all("#requeue")) == 1,
        "releaseButton": len(find_all("#release")) == 1,
    }
    shot("entry")
    follow(find("#requeue"))
    seen["afterRequeue"] = find("#notice").text
    seen["requeueButtonAfter"] = len(find_all("#requeue"))

    # Members: by a MID, then a Korean and an Arabic name's member ids.
    driver.get(base + "/console/members")
    find("#q").send_keys("MXMANELE2047TIJ")
    follow(find("#search"))
    seen["membersByMID"] = [section.get_attribute("data-member") for section in find_all("section.member")]
    seen["midLinks"] = [a.text for a in find_all("section.member td.mono a")]
    seen["historyRows"] = len(find_all("section.member table.history tbody tr"))
    shot("members")
    for name, identifier in (("korean", "KRAEO2015005348"), ("arabic", "JOGL076245")):
        driver.get(base + "/console/members?q=" + identifier)
        seen[name + "Name"] = find("section.member .name").text
        shot("members-" + name)
    # The font stack the names are set in (the test checks each font of it is installed).
    seen["fonts"] = driver.execute_script(
        "return getComputedStyle(document.querySelector('section.member .name')).fontFamily")

    # The reconciliation: sorted by conflicts (a click for ascending, another for descending), then searched.
    driver.get(base + "/console/reconciliation")
    header = lambda: [a for a in find_all("#traders th a.sort") if a.text.startswith("Conflict")][0]
    follow(header())
    follow(header())
    seen["reconciliationURL"] = driver.current_url.replace(base, "")
    seen["conflicts"] = [int(cells(row)[3]) for row in find_all("#traders tbody tr[data-trader]")]
    shot("reconciliation")
    find("#q").clear()
    find("#q").send_keys("steel")
    follow(find("#filter"))
    seen["steel"] = [cells(row)[1] for row in find_all("#traders tbody tr[data-trader]")]
    follow(find_all("#traders tbody tr[data-trader] a")[0])
    seen["traderName"] = find("#trader-name").text
    shot("trader")

    driver.get(base + "/console/crosswalk?framework=kr-aeo")
    seen["crosswalkCount"] = find("#count").text
    shot("crosswalk")
    driver.get(base + "/console/trust")
    seen["trustRows"] = len(find_all("#trust-table tbody tr"))
    shot("trust")
    driver.get(base + "/console")
    shot("overview")
    seen["consoleErrors"] = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
finally:
    driver.quit()
json.dump(seen, sys.stdout, ensure_ascii=False)
