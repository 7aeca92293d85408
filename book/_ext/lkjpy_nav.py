"""One set of sidebar toggles, so the menu and contents buttons work on a phone.

pydata-sphinx-theme 0.17 renders its own top navbar, with a second ``.primary-toggle`` and
``.secondary-toggle``, whenever ``navbar_persistent`` is unset (it then defaults to a search
field). sphinx-book-theme already draws both toggles in the article header. The theme's script
binds the first match of ``document.querySelector(".primary-toggle")``, the hidden navbar
button, so below 992 px the visible buttons do nothing (pydata-sphinx-theme#2451,
sphinx-book-theme#988). With ``navbar_persistent`` empty the navbar, and with it the duplicate
toggles and search field, is not rendered; search stays in the sidebar and the article header.
"""


def _single_toggles(app, config):
    options = config.html_theme_options
    options.setdefault("navbar_persistent", [])


def setup(app):
    app.connect("config-inited", _single_toggles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
