"""Small PDF reports made in the tests (matplotlib's PDF backend; no extra dependency)."""

from __future__ import annotations

from pathlib import Path

ROWS_PER_PAGE = 60


def write_pdf(path: Path, pages: list[list[list[str]]], columns: tuple[float, ...] = (0.03, 0.08, 0.3, 0.55, 0.68, 0.81)) -> Path:
    """Write a PDF whose pages hold rows of cells; each cell is drawn on its own at its column's
    position, as a report's table is, so a layout-keeping converter sees the gaps between them.
    ``columns`` are the cells' left edges, as fractions of the (A4 landscape) page width. A row
    with one cell is a line of prose."""
    import matplotlib

    matplotlib.use("pdf", force=False)
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(path) as pdf:
        for rows in pages:
            fig = Figure(figsize=(11.69, 8.27))
            for i, cells in enumerate(rows):
                y = 0.95 - i * 0.9 / ROWS_PER_PAGE
                for j, cell in enumerate(cells):
                    fig.text(columns[j], y, cell, family="DejaVu Sans", fontsize=6)
            pdf.savefig(fig)
    return path
