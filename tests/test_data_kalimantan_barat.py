"""Kalimantan Barat 2024: budget, efficiency, staff, meta and context values pinned by hand from the source
report (data/sources/kalimantan-barat.txt); each expected value cites its line."""

AGENCY_ID = "kalimantan-barat"


def _rows(agency, name, **where):
    frame = agency.table(name)
    for col, value in where.items():
        frame = frame[frame[col] == value]
    return frame


# --- budget ------------------------------------------------------------------------------------

PK_TABLE = "Bab II.B Perjanjian Kinerja Tahun 2024: program dan anggaran"
REAL_TABLE = "ANGGARAN DAN REALISASI ANGGARAN DANA APBD TAHUN 2024"
EFF_TABLE = "Efisiensi penggunaan sumber daya"


def test_pk_budget_table_has_nine_programs_and_its_printed_total(agency):
    pk = _rows(agency, "budget", source_table=PK_TABLE)
    programs = pk[pk["level"] == "program"]
    assert len(programs) == 9  # lines 424-432
    total = pk[pk["item_id"] == "total-apbd-apbn"].iloc[0]
    assert total["pagu_printed"] == "Rp. 22.781.067.126,-"  # line 433
    assert total["pagu"] == 22_781_067_126
    assert total["funding"] == "APBD/APBN"  # line 433
    apbn = programs[programs["funding"] == "APBN"]
    assert apbn["pagu"].tolist() == [2_106_246_000]  # line 432, the only APBN program
    assert programs.set_index("item_id").loc["prog-penunjang", "pagu"] == 12_151_893_026  # line 424


def test_realisation_table_has_eight_programs_and_its_printed_total(agency):
    real = _rows(agency, "budget", source_table=REAL_TABLE)
    programs = real[real["level"] == "program"]
    assert len(programs) == 8  # lines 651-658
    assert programs["canonical"].all()
    total = real[real["item_id"] == "total"].iloc[0]
    assert (total["pagu"], total["realisasi"], total["pct_reported"]) == (20_674_821_126, 19_882_262_551, 96.17)  # line 659
    p = programs.set_index("item_id")
    assert (p.loc["prog-pemberdayaan-umkm", "pagu"], p.loc["prog-pemberdayaan-umkm", "realisasi"]) == (
        4_158_905_800, 4_114_424_499)  # line 657
    assert p.loc["prog-pengembangan-umkm", "pct_reported"] == 92.50  # line 658
    assert p.loc["prog-kesehatan-ksp", "pct_reported"] == 100  # line 654


def test_dau_and_dak_totals_as_printed(agency):
    b = agency.budget
    dau = b[(b["item_id"] == "fund-dau") & (b["source_line"] == 645)].iloc[0]
    dak = b[(b["item_id"] == "fund-dak") & (b["source_line"] == 645)].iloc[0]
    # line 645: DAU Rp. 13.892.483.126,- / Rp. 13.104.928.351,- / 94,33%
    assert (dau["pagu"], dau["realisasi"], dau["pct_reported"]) == (13_892_483_126, 13_104_928_351, 94.33)
    # line 645: DAK Rp. 6.782.338.000,- / Rp. 6.777.334.200,- / 99,93%
    assert (dak["pagu"], dak["realisasi"], dak["pct_reported"]) == (6_782_338_000, 6_777_334_200, 99.93)
    bab1 = b[b["source_line"] == 266].set_index("item_id")
    # line 266: DAU Rp.13.892.483.126,-, DAK Non Fisik Rp.6.782.338.000,-, total Rp.20.674.821.126,-
    assert bab1.loc["fund-dau", "pagu"] == 13_892_483_126
    assert bab1.loc["fund-dak", "pagu"] == 6_782_338_000
    assert bab1.loc["total", "pagu"] == 20_674_821_126


def test_program_funding_shares_from_the_narrative(agency):
    b = agency.budget.set_index("item_id")
    # line 579: DAU Rp. 331.895.800,- / Rp. 289.614.870,- (87,26%); DAK Rp. 3.827.010.000,- / Rp. 3.824.809.629,-
    assert b.loc["fund-pemberdayaan-umkm-dau", "pagu"] == 331_895_800
    assert b.loc["fund-pemberdayaan-umkm-dau", "pct_reported"] == 87.26
    assert b.loc["fund-pemberdayaan-umkm-dak", "realisasi"] == 3_824_809_629
    # line 582: DAU Rp. 368.017.600,- (87,50%); DAK Rp. 245.644.000,- (100%)
    assert b.loc["fund-pengembangan-umkm-dau", "pagu"] == 368_017_600
    assert b.loc["fund-pengembangan-umkm-dak", "pct_reported"] == 100


def test_appendix_totals_use_english_separators(agency):
    row = agency.budget[agency.budget["source_line"] == 696].iloc[0]
    assert row["number_format"] == "en"
    assert row["pagu_printed"] == "Rp 20,674,821,126"  # line 699
    assert row["realisasi_printed"] == "Rp 19,882,262,551"  # line 700
    assert (row["pagu"], row["realisasi"]) == (20_674_821_126, 19_882_262_551)


def test_efficiency_table_program_rows(agency):
    eff = _rows(agency, "budget", source_table=EFF_TABLE)
    progs = eff[eff["level"] == "program"].set_index("item_id")
    assert len(progs) == 8  # lines 500-507
    assert progs.loc["prog-penunjang", "pct_reported"] == 94.45  # line 500
    assert progs.loc["prog-penunjang", "parent_id"] == "sas-1"  # grouped under sasaran I (line 500)
    assert progs.loc["prog-pengembangan-umkm", "realisasi"] == 567_655_027  # line 507


def test_one_canonical_version_per_budget_item(agency):
    b = agency.budget
    counts = b[b["canonical"] == True].groupby(["item_id", "stage", "year"]).size()  # noqa: E712
    assert (counts == 1).all()
    assert set(b["item_id"]) >= {"total", "total-apbd-apbn", "fund-dau", "fund-dak"}


# --- efficiency and aggregates -----------------------------------------------------------------

def test_efficiency_figures(agency):
    eff = agency.table("efficiency")
    assert set(eff["method_variant"]) == {"difference"}  # line 510 compares 97 with 109
    avg = eff[eff["source_line"] == 508].iloc[0]
    # line 508: RATA - RATA 97 | 109 | 12
    assert (avg["serapan"], avg["capaian_kinerja"], avg["efficiency"]) == (97, 109, 12)
    for n in (500, 506):  # lines 500 and 506: CAPAIAN KINERJA 109, TINGKAT EFIENSI 12
        row = eff[eff["source_line"] == n].iloc[0]
        assert (row["capaian_kinerja"], row["efficiency"]) == (109, 12)
    narr = eff[eff["source_line"] == 510].iloc[0]
    assert narr["efficiency_printed"] == "12%"  # line 510


def test_aggregates(agency):
    agg = agency.table("aggregates")
    canon = agg[agg["canonical"] == True].set_index("aggregate_id")  # noqa: E712
    assert canon.loc["capaian-mean-2024", "value"] == 109  # line 460 CAPAIAN SASARAN KINERJA
    assert canon.loc["capaian-mean-2024", "source_line"] == 460
    assert canon.loc["serapan-mean-2024", "value"] == 97  # line 508
    assert canon.loc["efficiency-mean-2024", "value"] == 12  # line 508


def test_national_benchmark(agency):
    bench = agency.table("benchmarks")
    row = bench[bench["source_line"] == 606].iloc[0]
    assert (row["indicator_id"], row["scope"], row["kind"], row["value"]) == ("K1", "national", "target", 10)  # line 606


# --- staff ---------------------------------------------------------------------------------------

def test_staff_totals(agency):
    s = agency.table("staff")
    total = s[(s["source_line"] == 233) & (s["dimension"] == "position") & (s["category"] == "Jumlah")].iloc[0]
    assert total["count"] == 50  # line 233
    assert total["is_total"]
    by_pos = s[(s["source_line"] == 233) & (s["dimension"] == "position")].set_index("category")
    # line 233: Eselon II 1, Eselon III 3, Eselon IV -, Fungsional 21, Pelaksana 20, PPPK 5
    assert by_pos.loc["Eselon II", "count"] == 1
    assert by_pos.loc["Eselon III", "count"] == 3
    assert by_pos.loc["Eselon IV", "count_printed"] == "-"
    assert by_pos.loc["Fungsional", "count"] == 21
    assert by_pos.loc["Pelaksana", "count"] == 20
    assert by_pos.loc["PPPK", "count"] == 5
    edu = s[(s["dimension"] == "education") & (s["is_total"] == False)].set_index("category")  # noqa: E712
    # lines 203, 210, 217, 225
    assert edu["count"].to_dict() == {"S.2": 9, "S.I": 28, "D.III": 6, "SLTA": 7}
    assert s[(s["source_line"] == 199)]["count"].tolist() == [50]  # line 199 "sebanyak 50 orang"


def test_formasi_kebutuhan(agency):
    s = agency.table("staff")
    tot = s[s["source_line"] == 260].set_index("subcategory")
    assert tot.loc["Formasi", "count"] == 50  # line 260
    assert tot.loc["Kebutuhan", "count"] == 91  # line 260
    pel = s[s["source_line"] == 259].set_index("subcategory")
    assert (pel.loc["Formasi", "count"], pel.loc["Kebutuhan", "count"]) == (20, 45)  # line 259


# --- meta and context --------------------------------------------------------------------------

def test_meta(agency):
    m = agency.table("meta").set_index("key")
    assert m.loc["head", "printed"] == "Drs. JUNAIDI, MM"  # line 33
    assert m.loc["head_2", "printed"] == "Drs. JUNAI, MM"  # line 682
    assert m.loc["head_3", "printed"] == "Drs. JUNAIDI, MM"  # line 709
    assert agency.meta["report_date"] == "2025-01"  # line 26 "Pontianak, Januari 2025"
    assert agency.meta["report_place"] == "Pontianak"  # line 26
    assert agency.meta["renstra_period"] == "2024-2026"  # line 16 "Tahun 2024 – 2026"
    assert agency.meta["akip_grade"] == "A"  # line 599 "A (81,1%)"


def test_context(agency):
    c = agency.table("context")
    assets = c[c["series_id"] == "assets"]
    assert len(assets) == 86  # lines 277-367: items 1-85 plus the unnumbered Sepeda Motor (line 282)
    ac = assets[assets["source_line"] == 314].iloc[0]
    assert (ac["category"], ac["unit"], ac["value"]) == ("AC Split", "Unit", 65)  # line 314
    v = c.set_index(["series_id", "source_line"])["value"]
    assert v[("wirausaha_tumbuh", 582)] == 10_888  # line 582
    assert v[("usaha_kecil", 582)] == 28_822  # line 582
    assert v[("koperasi_aktif", 473)] == 3_645  # line 473
    assert v[("koperasi_aktif_lintas_kabkota", 570)] == 366  # line 570
    assert v[("peserta_pelatihan", 575)] == 780  # line 575


def test_added_national_comparison_result(agency):
    r = agency.table("indicator_results")
    row = r[r["source_line"] == 606].iloc[0]
    assert (row["indicator_id"], row["realisasi"], row["canonical"]) == ("K1", 5.87, False)  # line 606
