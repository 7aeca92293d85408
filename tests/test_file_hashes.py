"""The build's input hashes: files read again only when they changed, and the toolchain's versions."""

import hashlib
import os
import sys
import sysconfig
import time

from lkjpy import build
from lkjpy.build import FileHashes, toolchain_digest

#: sha256 of b"abc" (FIPS 180-2, appendix B.1).
SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def _settled(path, content: bytes) -> None:
    """Write ``content`` and date it a minute back, as a file nobody touched lately."""
    path.write_bytes(content)
    old = time.time_ns() - 60 * 10**9
    os.utime(path, ns=(old, old))


def test_a_settled_file_is_remembered_and_not_read_again(tmp_path):
    data, store = tmp_path / "a.csv", tmp_path / "hashes.json"
    _settled(data, b"abc")
    hashes = FileHashes(store)
    assert hashes.of(data) == SHA256_ABC
    hashes.save()
    again = FileHashes(store)
    again.known[str(data)][1] = "remembered"  # what it answers if it does not read the file
    assert again.of(data) == "remembered"


def test_a_rewrite_of_the_same_size_and_time_is_seen(tmp_path):
    data, store = tmp_path / "a.csv", tmp_path / "hashes.json"
    _settled(data, b"abc")
    hashes = FileHashes(store)
    hashes.of(data)
    hashes.save()
    stat = data.stat()
    data.write_bytes(b"abd")  # same size; its old modification time put back
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert FileHashes(store).of(data) == hashlib.sha256(b"abd").hexdigest()


def test_a_file_changed_just_now_is_not_remembered(tmp_path):
    data = tmp_path / "a.csv"
    data.write_bytes(b"abc")
    hashes = FileHashes(tmp_path / "hashes.json")
    assert hashes.of(data) == SHA256_ABC
    assert str(data) not in hashes.known  # read again until it is older than SETTLED_SECONDS


def test_a_missing_file_hashes_empty_and_a_corrupt_store_is_ignored(tmp_path):
    store = tmp_path / "hashes.json"
    store.write_bytes(b"\xff not json")
    assert FileHashes(store).of(tmp_path / "absent.csv") == ""


def test_a_new_version_of_an_installed_distribution_changes_the_toolchain_digest(tmp_path, monkeypatch):
    site = tmp_path / "site-packages"
    (site / "pandas-2.2.3.dist-info").mkdir(parents=True)
    monkeypatch.setattr(sysconfig, "get_path", lambda name: str(site))
    build.toolchain_digest.cache_clear()
    try:
        old = toolchain_digest()
        (site / "pandas-2.2.3.dist-info").rename(site / "pandas-2.3.0.dist-info")
        build.toolchain_digest.cache_clear()
        assert toolchain_digest() != old
        monkeypatch.setattr(sys, "version", sys.version + " (another build)")
        build.toolchain_digest.cache_clear()
        assert toolchain_digest() != old
    finally:
        build.toolchain_digest.cache_clear()


def test_the_toolchain_digest_does_not_depend_on_the_working_directory(tmp_path, monkeypatch):
    build.toolchain_digest.cache_clear()
    here = toolchain_digest()
    (tmp_path / "lkjpy.egg-info").mkdir()  # as a project's own folder holds after an editable install
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", ["", str(tmp_path), *sys.path])
    build.toolchain_digest.cache_clear()
    try:
        assert toolchain_digest() == here
    finally:
        build.toolchain_digest.cache_clear()


def test_a_chapter_is_executed_again_after_a_toolchain_upgrade(tmp_path, monkeypatch):
    from lkjpy.project import Project

    project = Project(build.copy_project(tmp_path / "p", only=["sibolga"]))
    before = build.agency_job("sibolga", project).inputs
    monkeypatch.setattr(build, "toolchain_digest", lambda: "pandas==9.9")
    assert build.agency_job("sibolga", project).inputs != before
