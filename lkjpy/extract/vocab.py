"""The vocabulary layer: SAKIP words that name a table's columns and tell its rows apart.

Regulation and practice behind the words: the Perjanjian Kinerja and capaian tables of an LKj
(PermenPAN-RB 53/2014: sasaran, indikator kinerja (utama), satuan, target, realisasi, capaian,
kategori / predikat) and the budget tables (program, pagu / anggaran, realisasi, %).
"""

from __future__ import annotations

import re

#: Column roles of a PK results table and the words that name them in a header.
PK_ROLES = {
    "no": r"^no\.?$|^nomor$",
    "sasaran": r"\bsasaran\b",
    "indicator": r"\bindikator\b|\biku\b",
    "satuan": r"\bsatuan\b",
    "target": r"\btarget\b",
    "realisasi": r"\brealisasi\b",
    "capaian": r"\bcapaian\b|^%|%$|\bpersen(tase)? capaian\b",
    "kategori": r"\bkategori\b|\bpredikat\b|\bkriteria\b|\bkualifikasi\b",
}
#: Column roles of a budget table.
BUDGET_ROLES = {
    "no": r"^no\.?$",
    "program": r"\bprogram\b|\buraian\b",
    "pagu": r"\bpagu\b|\banggaran\b|\balokasi\b",
    "realisasi": r"\brealisasi\b",
    "pct": r"^%|%$|\bpersen|\bserapan\b|\bcapaian\b",
    "stages": r"\b(?:sebelum|setelah|sesudah)\s+perubahan\b",
}
#: Words a rating category is made of ("Sangat Baik", "Tercapai", ...).
CATEGORY_WORDS = re.compile(r"^(?:(?:sangat|cukup|kurang|tidak|amat|belum)\s+)?(?:baik|tinggi|rendah|sedang|"
                            r"kurang|cukup|buruk|memuaskan|tercapai|berhasil|optimal|efektif|efisien)"
                            r"(?:\s+sekali)?$", re.IGNORECASE)
#: How indicator names begin (a sasaran is a state reached: "Meningkatnya ...", "Terwujudnya ...").
INDICATOR_START = re.compile(r"^(?:persentase|prosentase|presentase|jumlah|nilai|indeks|indek|tingkat|rasio|"
                             r"angka|rata-rata|cakupan|besaran|banyaknya|capaian|predikat|skor|opini|"
                             r"pertumbuhan|proporsi|kontribusi)\b", re.IGNORECASE)
#: Indicators for which lower is better: unemployment, poverty, accidents, disputes...
LOWER_IS_BETTER = re.compile(r"pengangguran|kemiskinan|kecelakaan|perselisihan|kasus|pelanggaran|"
                             r"temuan|angka kematian|inflasi|gini|ketimpangan", re.IGNORECASE)
#: Group labels printed inside tables ("Misi I : ...", "Tujuan : ...").
GROUP_LABEL = re.compile(r"^(?:misi|tujuan)\b[^:]{0,12}:", re.IGNORECASE)
#: Themes of the cross-agency comparison, guessed from an indicator's words.
THEME_WORDS = [
    ("governance", r"akip|sakip|akuntabilitas|ikm|kepuasan|reformasi|opini|pelayanan publik"),
    ("innovation", r"inovasi"),
    ("labour", r"tenaga kerja|pengangguran|pelatihan|k3|perusahaan|pekerja|ketenagakerjaan|hubungan industrial"),
    ("cooperatives", r"koperasi"),
    ("msme", r"umkm|ukm|usaha mikro|usaha kecil|wirausaha|produk|ekonomi kreatif|omset|omzet"),
]
TOTAL_NAME = re.compile(r"^(?:jumlah|total)(?:\s+(?:total|anggaran|belanja|keseluruhan|seluruhnya|apbd))*\s*:?$",
                        re.IGNORECASE)
PROGRAM_NAME = re.compile(r"^program\b", re.IGNORECASE)
#: Levels above a program in the APBD structure (urusan, bidang urusan).
ABOVE_PROGRAM = re.compile(r"^(?:urusan|bidang urusan|sub urusan)\b", re.IGNORECASE)
LOWER_LEVEL_NAME = re.compile(r"^(?:sub\s*kegiatan|kegiatan|belanja)\b", re.IGNORECASE)
CAPTION = re.compile(r"^(?:\*\*)?\s*(?:tabel|table)\s+([0-9IVX]+(?:[.\-][0-9]+)*)\.?", re.IGNORECASE)


def roles_in(header_text: str, roles: dict[str, str]) -> set[str]:
    """The column roles a header's cells name (each cell's text tried against each role)."""
    return {role for role, pattern in roles.items() if re.search(pattern, header_text, re.IGNORECASE)}


def theme_of(text: str) -> str:
    """The comparison theme an indicator's (and its sasaran's) words suggest; ``msme`` by default."""
    for theme, pattern in THEME_WORDS:
        if re.search(pattern, text, re.IGNORECASE):
            return theme
    return "msme"


def is_category(text: str) -> bool:
    return bool(CATEGORY_WORDS.match(text.strip()))

#: Spellings of one word that reports use interchangeably.
SPELLINGS = {"prosentase": "persentase", "presentase": "persentase", "prosentasi": "persentase",
             "omzet": "omset", "indek": "indeks"}
