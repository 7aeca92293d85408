"""Every page of the built site renders cleanly and accessibly in headless Chromium at a phone's
width (390 px): no console errors, nothing fetched from outside localhost, no sideways scrolling of
the page, no serious or critical axe-core violation (see tests/browsing.py). Each width is a module
of its own, so that parallel test processes survey the two widths side by side."""

from __future__ import annotations

import pytest
from browsing import assert_every_page_clean, needs_chromium

pytestmark = [needs_chromium, pytest.mark.slow(50)]  # seconds on two cores: started first


def test_every_page_renders_cleanly_and_accessibly_at_390_px(built_site):
    assert_every_page_clean(built_site, 390)
