"""Build the book: execute what changed, in parallel, then publish the site atomically.

Steps of ``python -m lkjpy build``:

1. one *job* per registry agency: its source viewer page ``book/sources/<id>.md``, and its chapter
   template executed by papermill into ``book/agencies/<id>/agency.ipynb``; the chapter loads,
   validates and audits the agency once, and its last cell writes the agency's outputs (summary,
   measures, audit) beside it for the cross-agency pages, from that one computation;
2. one job per cross-agency page (``book/pages/``), run after the agencies;
3. ``jupyter-book build`` (strict; :mod:`lkjpy.sitebuild`, which lets Sphinx read and write pages in
   as many processes as the build has workers) into the persistent output ``_build/site-work/``, which keeps
   Sphinx's environment between builds, so that only the pages whose sources changed (and those
   showing their content, see ``book/_ext/lkjpy_incremental.py``) are read again; a full build
   when the configuration, the tables of contents, the book's extensions or static files or the
   toolchain changed, with ``--force``, or after a failed site build. Its html is then copied to
   ``_build/sites/`` and ``_build/html`` switched to the copy in one atomic step (a symbolic
   link), so a failed or killed build never leaves a half-written site.

A job runs only when its inputs changed since its last successful run (its data files, its
source report, its template, the lkjpy package, the locale), as recorded with hashes in the build
manifest ``_build/manifest.json``; cross-agency pages run when any agency's inputs changed. One
failing job does not stop the others: every failure is reported with its reason, the failed
chapter says that it failed, and the command exits non-zero.

Where jobs run: each worker (a pool process, or a thread of a thread-based executor) keeps one
Jupyter kernel and executes its notebooks one after the other in it, each in a fresh namespace
(names, figures, matplotlib rcParams, pandas options, warning filters, environment and working
directory as a new kernel has them; the execution count restarts at 1), so kernel start and the
imports of pandas, matplotlib and lkjpy are paid once per worker, not once per notebook.
papermill still injects the parameters and records its metadata, so an executed notebook reads
as before. A cell running past the time limit or a dying kernel fails that job only, and the next
job gets a new kernel.

The jobs go to an *executor*, any ``concurrent.futures.Executor``: by default a process pool of
``-j`` workers that die with the build (with ``-j 1``, the build process itself). A distributed
engine's executor replaces it without other change, e.g. with dask.distributed::

    from dask.distributed import Client
    build(root, executor=Client("scheduler:8786").get_executor())

A job is a picklable :class:`Job` run by :func:`run_job`, which receives the build's ``LKJPY_*``
variables; the workers need the project at the same path (a shared file system) and the same
toolchain. Publishing the site stays on the build's machine.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import fcntl
import functools
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import traceback
import warnings
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import DataError
from .navigation import GROUP_ABOVE, PROVINCES_DIR, grouped_toc, province_page, provinces
from .project import Project

if TYPE_CHECKING:
    import nbformat

CROSS_PAGES = ("comparison", "quality", "methodology", "data")
CELL_TIMEOUT = 600  # seconds a single cell may run before the job is reported as timed out


@dataclass
class Job:
    """One notebook to execute, and what its result depends on."""

    name: str
    kind: str  # "agency" or "page"
    template: Path
    output: Path
    parameters: dict
    inputs: str = ""  # hash of everything the output depends on
    log: Path | None = None  # where the kernel's own messages go
    scratch: Path | None = None  # where the notebook is written while it runs (never inside book/)
    artifacts: tuple[Path, ...] = ()  # files besides the output that a successful run leaves
    project: Project | None = None  # the project it belongs to (failure reasons show paths relative to its root)


@dataclass
class Outcome:
    name: str
    ok: bool
    seconds: float
    error: str = ""
    skipped: bool = False


# --- input hashes ------------------------------------------------------------------------------

def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


#: Where a build keeps the hashes of the files it read (see :class:`FileHashes`).
FILE_HASHES = "file-hashes.json"
#: A file's state is remembered only once its last change is this many seconds old (see :class:`FileHashes`).
SETTLED_SECONDS = 2.0


def _file_state(path: Path) -> list[int] | None:
    """Identity and last change of a file (inode, size, modification and change times, ns); any
    write to it, or its replacement, changes them. None for a missing file."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


class FileHashes:
    """The sha256 of files, each remembered with the file's state (:func:`_file_state`) in
    ``_build/file-hashes.json``, so that a build reads again only the files that changed: a no-op
    build of a national book compares a few thousand states instead of reading every report. A state
    is remembered only when the file's last change is :data:`SETTLED_SECONDS` old, so that a file
    rewritten within the file system's time resolution, its size unchanged, is never taken for its
    old version (it is read again until it settles)."""

    def __init__(self, store: Path | None = None):
        self.store = store
        self.known: dict[str, list] = {}
        self.changed = False
        self._code: str | None = None
        if store is not None:
            with contextlib.suppress(OSError, ValueError):
                known = json.loads(store.read_text(encoding="utf-8"))
                if isinstance(known, dict):
                    self.known = known

    def of(self, path: Path) -> str:
        """The sha256 of the file at ``path``, or ``""`` if there is none."""
        key, state = str(path), _file_state(path)
        if state is None:
            return ""
        last = self.known.get(key)
        if isinstance(last, list) and len(last) == 2 and last[0] == state:
            return last[1]
        try:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return ""
        if state[2] < time.time_ns() - SETTLED_SECONDS * 1e9:
            self.known[key], self.changed = [state, sha], True
        return sha

    def files(self, paths: list[Path]) -> str:
        """One hash of several files, by name and content."""
        return _digest(*[f"{p.name}={self.of(p)}" for p in sorted(paths)])

    def code(self) -> str:
        """Hash of lkjpy's code (every module) and of the toolchain (:func:`toolchain_digest`)."""
        if self._code is None:
            package = Path(__file__).resolve().parent
            modules = sorted(package.rglob("*.py"))  # subpackages included
            self._code = _digest(*[f"{p.relative_to(package)}={self.of(p)}" for p in modules], toolchain_digest())
        return self._code

    def save(self) -> None:
        """Write what was learnt (files still present only), if anything."""
        if self.store is None or not self.changed:
            return
        self.known = {k: v for k, v in self.known.items() if os.path.exists(k)}
        self.store.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.store.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.known), encoding="utf-8")
        os.replace(tmp, self.store)
        self.changed = False


@functools.lru_cache(maxsize=1)
def toolchain_digest() -> str:
    """Hash of the Python version and of every installed distribution with its version, so that an
    upgrade of a pinned dependency (or of Python) re-executes what it may change. The distributions
    are the ``*.dist-info`` and ``*.egg-info`` folders of the installation's library folders, whose
    names carry both (``pandas-2.2.3.dist-info``): no metadata file needs reading. (Not the whole
    import path: it holds the working directory, and the digest must not depend on where the build
    is started.)"""
    names = set()
    for folder in {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}:
        with contextlib.suppress(OSError):
            names.update(n for n in os.listdir(folder) if n.endswith((".dist-info", ".egg-info")))
    return _digest(sys.version, *sorted(names))


def agency_digest(agency_id: str, project: Project, hashes: FileHashes | None = None,
                  entry: dict | None = None) -> str:
    """Hash of everything an agency's chapter depends on: its registry ``entry`` (read from the
    registry when not given), data files and source report, the chapter templates, lkjpy's code,
    the toolchain and the locale."""
    hashes = hashes or FileHashes()
    entry = entry or project.entry(agency_id)
    folder = project.data / agency_id
    return _digest(
        json.dumps(entry, sort_keys=True, default=str),
        hashes.files(list(folder.glob("*.csv"))),
        hashes.of(project.data / entry["source"]),
        hashes.files([template_path(project, "agency"), template_path(project, "agency_pending")]),
        hashes.code(), project.locale,
    )


# --- jobs ----------------------------------------------------------------------------------------

def template_path(project: Project, name: str) -> Path:
    """A notebook template of the project: ``notebooks/<name>.md`` (MyST Markdown, read with
    jupytext) or, failing that, ``notebooks/<name>.ipynb``."""
    text = project.templates / f"{name}.md"
    return text if text.is_file() else project.templates / f"{name}.ipynb"


def _pending_template(template: Path) -> Path:
    """The template for an agency with no curated indicators, beside ``template``."""
    text = template.with_name("agency_pending.md")
    return text if text.is_file() else template.with_name("agency_pending.ipynb")


def read_template(template: Path) -> nbformat.NotebookNode:
    """A template as a notebook: MyST Markdown through jupytext, or an ``.ipynb`` as it is."""
    import nbformat

    if template.suffix == ".md":
        import jupytext

        notebook = jupytext.read(template, fmt="md:myst")
        for n, cell in enumerate(notebook.cells):  # nbformat would draw random ids: the same template, the same notebook
            cell.id = f"cell-{n}"
        return notebook
    return nbformat.read(template, as_version=4)


#: What an agency's chapter notebook writes into its ``outputs/`` for the cross-agency pages and the
#: archive (:func:`lkjpy.pages.write_outputs`).
CHAPTER_OUTPUTS = ("summary.json", "audit.csv", "combined_indicators.csv", "combined_budget_programs.csv")


def agency_job(agency_id: str, project: Project, hashes: FileHashes | None = None, entry: dict | None = None) -> Job:
    """The chapter job of one agency (the template is chosen when it runs)."""
    chapter = project.chapter(agency_id)
    return Job(agency_id, "agency", template_path(project, "agency"), chapter / "agency.ipynb",
               {"agency_id": agency_id, **project.parameters()}, agency_digest(agency_id, project, hashes, entry),
               project.build / "logs" / f"{agency_id}.log", project.scratch,
               (*(chapter / "outputs" / name for name in CHAPTER_OUTPUTS), project.book / "sources" / f"{agency_id}.md"),
               project)


def page_jobs(project: Project, agency_hashes: list[str], hashes: FileHashes | None = None) -> list[Job]:
    """The cross-agency pages; each depends on every agency (and reads their outputs)."""
    hashes = hashes or FileHashes()
    registry = hashes.of(project.data / "agencies.yml")
    return [Job(f"page:{name}", "page", template_path(project, name), project.book / "pages" / f"{name}.ipynb",
                project.parameters(),
                _digest(registry, *agency_hashes, hashes.of(template_path(project, name)), hashes.code(), project.locale),
                project.build / "logs" / f"page-{name}.log", project.scratch, (), project)
            for name in CROSS_PAGES]


def run_job(job: Job, timeout: int = CELL_TIMEOUT) -> Outcome:
    """Execute one job; never raises: a failure is an Outcome with its reason, and the job's page
    says that it failed and why (so the site's table of contents stays whole). Everything it needs
    travels with it (its project, and the notebook's parameters), so any process can run it."""
    from .fmt import set_locale

    set_locale(job.project.locale)
    t0 = time.monotonic()
    try:
        if job.kind == "agency":
            _run_agency(job, timeout)
        else:
            _execute(job.template, job.output, job.parameters, timeout, job.log, job.scratch, job.project.root)
        return Outcome(job.name, True, time.monotonic() - t0)
    except Exception as exc:  # noqa: BLE001 - every failure is reported per job, with its reason
        reason = _reason(exc)
        # the site shows project paths, not this machine's folders
        reason = reason.replace(f"{job.project.root}{os.sep}", "")
        try:
            _write_failure_page(job, reason)
        except Exception as again:  # noqa: BLE001 - the first reason is the one to report
            reason += f"\n(the failure page could not be written either: {_reason(again)})"
        return Outcome(job.name, False, time.monotonic() - t0, reason)


def _reason(exc: Exception) -> str:
    if isinstance(exc, DataError):
        return str(exc)
    if type(exc).__name__ == "PapermillExecutionError" and exc.ename == "DataError":
        return exc.evalue  # the notebook found the data invalid: its message names file, row and column
    name = type(exc).__name__
    if name in ("CellTimeoutError", "TimeoutError"):
        return f"a cell ran longer than the time limit: {exc}"
    if name == "DeadKernelError":
        return f"the notebook's kernel died: {exc}"
    text = str(exc).strip()
    return f"{name}: {text[-2000:]}" if text else "".join(traceback.format_exception(exc))[-2000:]


def has_curated_indicators(agency_id: str, data: Path) -> bool:
    """Whether ``data/<id>/indicators.csv`` has a row that is not blank: which chapter template an
    agency gets, decided without loading or validating its tables (its notebook does that, once).
    A file that cannot be read counts as none; the notebook then reports what is wrong with it."""
    try:
        text = (data / agency_id / "indicators.csv").read_text(encoding="utf-8")
        rows = csv.reader(io.StringIO(text, newline=""))
        next(rows, None)  # the header
        return any(any(cell.strip() for cell in row) for row in rows)
    except (OSError, UnicodeDecodeError, csv.Error):
        return False


def _run_agency(job: Job, timeout: int) -> None:
    """Write the agency's source page, then execute its chapter, which loads, validates and audits
    the agency once and writes its outputs for the cross-agency pages itself (this process never
    loads the agency); the build's status is ok only when those outputs were written."""
    from .pages import write_source_page, write_status

    agency_id, project = job.parameters["agency_id"], job.project
    outputs = job.output.parent / "outputs"
    write_source_page(agency_id, project.book / "sources", project.data)
    shutil.rmtree(outputs, ignore_errors=True)  # written afresh by the notebook, or not at all
    template = job.template if has_curated_indicators(agency_id, project.data) else _pending_template(job.template)
    _execute(template, job.output, job.parameters, timeout, job.log, job.scratch, project.root)
    missing = [name for name in CHAPTER_OUTPUTS if not (outputs / name).is_file()]
    if missing:
        raise RuntimeError(f"the chapter notebook ({template.name}) ran but did not write "
                           f"{', '.join(f'outputs/{m}' for m in missing)} for the cross-agency pages and the archive")
    write_status(outputs, ok=True)


def _kernel_manager(log: Path):
    """A kernel manager talking to its kernel over local IPC sockets (each kernel its own, in the
    temporary folder) rather than TCP ports, which the kernel warns are unencrypted; the kernel
    process's own messages go to ``log`` (whose new part each job then takes, see :func:`_take_log`)
    instead of the terminal."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class IPCKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            log.parent.mkdir(parents=True, exist_ok=True)
            kw["stderr"] = kw["stdout"] = log.open("ab")
            return await super()._async_launch_kernel(kernel_cmd, **kw)

        @default("transport")
        def _default_transport(self):
            return "ipc"

        @default("ip")
        def _default_ip(self):
            return os.path.join(tempfile.gettempdir(), f"lkjpy-kernel-{os.getpid()}-{id(self):x}")

    return IPCKernelManager


# --- the kernel a worker process reuses --------------------------------------------------------
#
# Starting a kernel and importing pandas, matplotlib and lkjpy costs about 1.6 s, so each worker
# process (each thread, under a thread-based executor) keeps one kernel and runs its notebooks one
# after the other in it, each in a fresh namespace (see _FRESH_NAMESPACE). Modules stay imported:
# that is the saving. lkjpy's own code is therefore not re-read between notebooks; it cannot change
# during a build (its hash is one of the jobs' inputs), and each build starts new worker processes
# and so new kernels. A process that outlives builds (a distributed engine's worker) gets a new
# kernel whenever the lkjpy code or the build's LKJPY_* variables differ from the ones its kernel
# started with (see _kernel_key). A job that fails in its kernel (an error, a timeout, a dead
# kernel) ends that kernel; the next job starts a new one.

_ENGINE = "lkjpy-reused-kernel"

# Run (silently, outside the notebook's history) before each notebook. A fresh kernel records its
# starting state first; later notebooks get it back: no variable, figure, rcParam, option, warning
# filter, environment variable, import path or working directory of an earlier notebook survives,
# and the execution count starts at 1 again, so the executed notebook reads as from a new kernel.
_FRESH_NAMESPACE = """\
def _lkjpy_fresh_namespace(cwd):
    import os, sys, warnings
    shell = get_ipython()
    start = getattr(shell, "_lkjpy_start", None)
    if start is None:
        shell._lkjpy_start = {"environ": dict(os.environ), "path": list(sys.path),
                              "filters": list(warnings.filters)}
    else:
        shell.reset(new_session=True)  # %reset -f, and the execution count back to 1
        os.environ.clear()
        os.environ.update(start["environ"])
        sys.path[:] = start["path"]
        warnings.filters[:] = start["filters"]
        getattr(warnings, "_filters_mutated", lambda: None)()
        if "matplotlib.pyplot" in sys.modules:
            import matplotlib
            import matplotlib.pyplot as plt
            plt.close("all")
            matplotlib.rc_file_defaults()  # the rcParams a new kernel reads from matplotlibrc
            shell.run_line_magic("matplotlib", "inline")
        if "pandas" in sys.modules:
            import pandas
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pandas.reset_option("all")
    os.chdir(cwd)
"""  # followed by its call, and the removal of the function from the notebook's namespace


@dataclass
class _Kernel:
    """The kernel of this process: its manager, its client (once started) and its log."""

    manager: object
    key: str
    log: Path
    client: object = None
    log_offset: int = 0


_here = threading.local()  # .kernel: this thread's kernel (one thread per pool worker; a thread-based executor has several)
_live_kernels: list[_Kernel] = []  # every kernel of this process, stopped when the process ends


def _kernel_key() -> str:
    """What a kernel's state depends on: lkjpy's code and the toolchain (the settings travel as each
    notebook's parameters)."""
    return FileHashes().code()


def _reusable_kernel(logs: Path) -> _Kernel:
    """This thread's kernel, or a new (not yet started) one if it has none, or its kernel died or
    started with other code or settings."""
    from jupyter_core.utils import run_sync

    kernel = getattr(_here, "kernel", None)
    key = _kernel_key()
    if kernel is not None and (kernel.key != key or (kernel.manager.has_kernel
                                                     and not run_sync(kernel.manager.is_alive)())):
        stop_kernel()
        kernel = None
    if kernel is None:
        if not _kernel_stop_registered:
            _register_kernel_stop()
        log = logs / f"kernel-{os.getpid()}-{threading.get_ident():x}-{time.monotonic_ns():x}.log"
        kernel = _here.kernel = _Kernel(_kernel_manager(log)(kernel_name="python3"), key, log)
        _live_kernels.append(kernel)
    return kernel


def stop_kernel(log: Path | None = None) -> None:
    """Shut down this thread's kernel, if any; what it printed since the last job goes to ``log``."""
    kernel, _here.kernel = getattr(_here, "kernel", None), None
    if kernel is not None:
        _stop(kernel, log)


def _stop(kernel: _Kernel, log: Path | None = None) -> None:
    from jupyter_core.utils import run_sync

    with contextlib.suppress(ValueError):
        _live_kernels.remove(kernel)
    with contextlib.suppress(Exception):  # a kernel already dead needs no shutdown
        if kernel.client is not None:
            kernel.client.stop_channels()
        if kernel.manager.has_kernel:
            run_sync(kernel.manager.shutdown_kernel)(now=True)
    with contextlib.suppress(Exception):
        run_sync(kernel.manager.cleanup_resources)()
    if log is not None:
        _take_log(kernel, log)
    kernel.log.unlink(missing_ok=True)


def stop_every_kernel() -> None:
    """Shut down every kernel of this process (run when a worker process exits)."""
    while _live_kernels:
        _stop(_live_kernels[-1])


_kernel_stop_registered = False


def _register_kernel_stop() -> None:
    """Stop the kernels when this process ends: multiprocessing runs these finalizers in a pool
    worker that exits (and at exit of the main process); a worker killed with the build leaves its
    kernel to end on its own (ipykernel polls its parent)."""
    import multiprocessing.util

    global _kernel_stop_registered
    multiprocessing.util.Finalize(None, stop_every_kernel, exitpriority=10)
    _kernel_stop_registered = True


def _take_log(kernel: _Kernel, log: Path) -> None:
    """Write to the job's ``log`` what the kernel process printed since the last job took its part."""
    log.parent.mkdir(parents=True, exist_ok=True)
    try:
        with kernel.log.open("rb") as handle:
            handle.seek(kernel.log_offset)
            text = handle.read()
    except FileNotFoundError:
        text = b""
    kernel.log_offset += len(text)
    log.write_bytes(text)


def _register_engine() -> None:
    """A papermill engine that runs the notebook in the process's kept kernel: papermill still
    injects the parameters and records its metadata, so the notebook is written as before."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines

    class FreshNamespaceClient(PapermillNotebookClient):
        def __init__(self, nb_man, kernel: _Kernel, cwd: str, **kw):
            super().__init__(nb_man, km=kernel.manager, **kw)
            self.kc, self._kernel, self._cwd = kernel.client, kernel, cwd

        def papermill_execute_cells(self):
            self._kernel.client = self.kc  # started by nbclient with a new kernel; kept for the next job
            code = (f"{_FRESH_NAMESPACE}_lkjpy_fresh_namespace({self._cwd!r})\n"
                    "globals().pop('_lkjpy_fresh_namespace', None)\n")
            reply = self.wait_for_reply(self.kc.execute(code, silent=True, store_history=False, allow_stdin=False))
            if reply is None or reply["content"]["status"] != "ok":
                content = (reply or {}).get("content", {})
                raise RuntimeError(f"the kernel's namespace could not be cleared: {content.get('ename')}: "
                                   f"{content.get('evalue')}")
            super().papermill_execute_cells()

    class ReusedKernelEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, *,
                                     kernel: _Kernel, kernel_cwd: str, **kwargs):
            from papermill.engines import logger

            client = FreshNamespaceClient(nb_man, kernel, kernel_cwd, timeout=execution_timeout,
                                          startup_timeout=start_timeout, kernel_name=kernel_name, log=logger,
                                          log_output=log_output, stdout_file=stdout_file,
                                          stderr_file=stderr_file)
            try:
                return client.execute()
            finally:
                kernel.client = client.kc

    papermill_engines.register(_ENGINE, ReusedKernelEngine)


def _execute(template: Path, output: Path, parameters: dict, timeout: int, log: Path, scratch: Path,
             root: Path) -> None:
    """papermill, in this process's kept kernel, into a temporary file under ``scratch`` (outside
    ``book/``), then an atomic rename. Any failure ends the kernel (the next job gets a new one)."""
    import papermill

    output.parent.mkdir(parents=True, exist_ok=True)
    scratch.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".ipynb", dir=scratch, prefix=f"{output.parent.name}-{output.stem}-")
    os.close(fd)
    _register_engine()
    kernel = _reusable_kernel(log.parent)
    try:
        # the kernel's working directory is set in the kernel (papermill's `cwd` would change this
        # whole process's, which threads of a thread-based executor share)
        papermill.execute_notebook(read_template(template), tmp, parameters=parameters, kernel_name="python3",
                                   progress_bar=False, execution_timeout=timeout, engine_name=_ENGINE,
                                   request_save_on_cell_execute=False,
                                   kernel=kernel, kernel_cwd=str(output.parent))
        _take_log(kernel, log)
        _tidy_executed(Path(tmp), output, template, root)
        os.replace(tmp, output)
    except BaseException:
        stop_kernel(log)  # timed out (still busy), dead, or in an unknown state: never reused
        raise
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _tidy_executed(path: Path, output: Path, template: Path, root: Path) -> None:
    """Tag papermill's injected parameters cell ``remove-cell`` (plumbing, not content) with a fixed
    id instead of papermill's random one, and keep this machine's folders out of the notebook the
    site publishes: the project root becomes ``""`` (the project holding lkjpy, wherever a reader
    runs it again) and papermill's input and output paths become relative to the project ``root``."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    meta = nb.metadata.get("papermill", {})
    if "project_root" in meta.get("parameters", {}):
        meta["parameters"]["project_root"] = ""
    meta["input_path"] = str(template.relative_to(root)) if template.is_relative_to(root) else template.name
    meta["output_path"] = str(output.relative_to(root)) if output.is_relative_to(root) else output.name
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell.id = "injected-parameters"
            cell.source = re.sub(r'^project_root = ".*"$', 'project_root = ""', cell.source, flags=re.M)
            if "remove-cell" not in tags:
                cell.metadata["tags"] = [*tags, "remove-cell"]
    nbformat.write(nb, path)


def _write_failure_page(job: Job, reason: str) -> None:
    """The job's page says that its build failed, and why (the reason as literal text); an agency's
    outputs are replaced by a failure status, so the cross-agency pages name it instead of counting
    old figures."""
    import nbformat

    from .pages import write_status
    from .text import md_escape

    if job.kind == "agency":
        try:
            title = job.project.entry(job.parameters["agency_id"])["name"]
        except DataError:
            title = job.parameters["agency_id"]
        what = "chapter"
    else:
        title, what = job.name.removeprefix("page:").capitalize(), "page"
    fence = "`" * max(3, max((len(r) for r in reason.split("\n") if set(r) == {"`"}), default=0) + 1)
    text = (f"# {md_escape(title)}\n\nThis {what} could not be built from the current data. The build reported:\n\n"
            f"{fence}text\n{reason}\n{fence}\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    job.output.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, job.output)
    if job.kind == "agency":
        outputs = job.output.parent / "outputs"
        shutil.rmtree(outputs, ignore_errors=True)
        write_status(outputs, ok=False, reason=reason, name=title)


# --- manifest ------------------------------------------------------------------------------------

def read_manifest(project: Project) -> dict:
    """The last builds' record; a missing, unreadable or hand-edited one counts as empty (everything
    is executed again), with a warning for anything but a missing file."""
    try:
        manifest = json.loads(project.manifest.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return {"jobs": {}}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return _empty_manifest(project, f"it cannot be read ({exc})")
    jobs = manifest.get("jobs") if isinstance(manifest, dict) else None
    if not isinstance(jobs, dict) or not all(isinstance(v, dict) for v in jobs.values()) \
            or not isinstance(manifest.get("site", {}), dict):
        return _empty_manifest(project, "it does not have the shape lkjpy writes")
    return manifest


def _empty_manifest(project: Project, why: str) -> dict:
    warnings.warn(f"{project.manifest}: {why}; treating it as empty, so everything is executed again",
                  stacklevel=3)
    return {"jobs": {}}


def write_manifest(project: Project, manifest: dict) -> None:
    project.build.mkdir(parents=True, exist_ok=True)
    tmp = project.manifest.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, project.manifest)


def job_is_current(job: Job, manifest: dict) -> bool:
    """Whether the last run of ``job`` succeeded with the same inputs and left all it writes."""
    last = manifest["jobs"].get(job.name, {})
    return (last.get("inputs") == job.inputs and last.get("outcome") == "ok"
            and all(p.is_file() for p in (job.output, *job.artifacts)))


# --- locking and processes ---------------------------------------------------------------------

class BuildLocked(RuntimeError):
    """Another build holds the project's lock."""


@contextlib.contextmanager
def project_lock(project: Project):
    """Hold an exclusive lock on the project for one build; a second build stops with a clear
    message instead of writing the same files (the lock is the kernel's: a killed build frees it)."""
    project.build.mkdir(parents=True, exist_ok=True)
    with open(project.lock, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BuildLocked(f"another build of {project.root} is running (process {holder}); wait for it "
                              "to finish, then build again") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Worker initializer (Linux): the worker is killed when the build process dies, even by
    ``kill -9``; its kernels then exit on their own (ipykernel polls its parent)."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: workers end when the pool is shut down
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


# --- running ---------------------------------------------------------------------------------

def _run_many(jobs: list[Job], manifest: dict, force: bool, start: float, done: list[int],
              total: int, timeout: int, executor: Executor | None = None) -> list[Outcome]:
    """Run the jobs that are not current on ``executor`` (any ``concurrent.futures.Executor``), or,
    without one, in this process one after the other (in this process's kept kernel, which the
    caller stops)."""
    todo = [j for j in jobs if force or not job_is_current(j, manifest)]
    outcomes = [Outcome(j.name, True, 0.0, skipped=True) for j in jobs if j not in todo]
    for o in outcomes:
        done[0] += 1
        print(f"[{done[0]}/{total}] {o.name}: unchanged, skipped", flush=True)

    def report(job: Job, outcome: Outcome) -> None:
        done[0] += 1
        state = f"ok ({outcome.seconds:.1f} s)" if outcome.ok else f"FAILED ({outcome.seconds:.1f} s)"
        print(f"[{done[0]}/{total}] {job.name}: {state}; elapsed {time.monotonic() - start:.0f} s", flush=True)
        manifest["jobs"][job.name] = {"inputs": job.inputs if outcome.ok else "", "outcome": "ok" if outcome.ok else "failed",
                                      "seconds": round(outcome.seconds, 2), "lkjpy": __version__,
                                      "error": outcome.error}
        outcomes.append(outcome)

    if executor is not None:
        futures = [(job, executor.submit(run_job, job, timeout)) for job in todo]
        for job, future in futures:
            report(job, future.result())
    else:
        for job in todo:
            report(job, run_job(job, timeout))
    return outcomes


def stage_downloads(project: Project, chapter_inputs: dict[str, str] | None = None,
                    hashes: FileHashes | None = None, executor: Executor | None = None) -> None:
    """Stage what the site offers for download (:func:`stage_files`), after the chapters ran, on
    ``executor`` when there is one (a worker, so the build's own process does not hold the tables in
    memory while the site is built) or in this process. Nothing is staged again while what it is
    made of is unchanged (:func:`archive_key`) and what was staged is in place, as recorded in
    ``_build/downloads.json``: a no-op build stays cheap (it does not even import the staging code)."""
    key = archive_key(project, chapter_inputs or {}, hashes)
    stamp = project.build / ARCHIVE_STAMP
    last = _read_json(stamp)
    staged = last.get("staged")
    if last.get("key") == key and isinstance(staged, dict) and staged \
            and all((project.book / str(p)).exists() for p in staged.values()):
        return
    stamp.unlink(missing_ok=True)  # a staging cut short is done again
    staged = executor.submit(stage_files, project).result() if executor is not None else stage_files(project)
    project.build.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"key": key, "staged": staged}), encoding="utf-8")


def stage_files(project: Project) -> dict[str, str]:
    """Stage the downloads (see :mod:`lkjpy.downloads`): the published data files; the archive of all
    curated data with the combined tables, from the chapters' outputs; and the data of every chart
    of the cross-agency pages. Returns what was staged where (role -> path relative to ``book/``)."""
    from .crosspages import read_project, write_chart_data
    from .downloads import ARCHIVE_FOLDER, ARCHIVE_NAME, CHARTS_FOLDER, SITE_FOLDER, stage_archive, stage_for_site

    static = project.book / "_data"
    stage_for_site(project.book, project.data)
    stage_archive(project.book / "agencies", project.agency_ids(), static / ARCHIVE_FOLDER, project.data)
    write_chart_data(read_project(project), static / CHARTS_FOLDER)
    staged = {"site": static / SITE_FOLDER, "archive": static / ARCHIVE_FOLDER / ARCHIVE_NAME,
              "charts": static / CHARTS_FOLDER}
    return {role: str(path.relative_to(project.book)) for role, path in staged.items()}


#: Where the build records what it staged last for download and its inputs (see :func:`stage_downloads`).
ARCHIVE_STAMP = "downloads.json"


def archive_key(project: Project, chapter_inputs: dict[str, str], hashes: FileHashes | None = None) -> str:
    """Hash of what the staged downloads are made of: the package, the registry, and for each agency
    its chapter's inputs (``chapter_inputs``: id -> hash; they cover its data files and source) and
    every output its chapter wrote (status, summary, indicators, audit findings, combined rows)."""
    hashes = hashes or FileHashes()
    parts = [hashes.code(), hashes.of(project.data / "agencies.yml")]
    for agency_id in project.agency_ids():
        outputs = project.chapter(agency_id) / "outputs"
        parts += [agency_id, chapter_inputs.get(agency_id, ""),
                  *[hashes.of(outputs / name) for name in ("status.json", "indicators.csv", *CHAPTER_OUTPUTS)]]
    return _digest(*parts)


def remove_stale(project: Project, ids: list[str]) -> None:
    """Drop chapters and source pages of agencies no longer in the registry."""
    chapters = project.book / "agencies"
    for child in chapters.iterdir() if chapters.is_dir() else []:
        if child.is_dir() and child.name not in ids:
            shutil.rmtree(child)
    for page in (project.book / "sources").glob("*.md"):
        if page.stem not in ids:
            page.unlink()
    for pattern in ("agencies/*/.running-*.ipynb", "pages/.running-*.ipynb"):  # left by earlier versions
        for leftover in project.book.glob(pattern):
            leftover.unlink()
    shutil.rmtree(project.scratch, ignore_errors=True)  # notebooks of a killed build (we hold the lock)


def write_if_changed(path: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8) to ``path`` unless it holds exactly that already."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with contextlib.suppress(OSError):
        if path.read_bytes() == data:
            return
    path.write_bytes(data)


def grouped_toc_path(project: Project, agencies: int, group_above: int = GROUP_ABOVE) -> Path | None:
    """Where the table of contents grouping the chapters by province is written for a book of
    ``agencies`` agencies (see :func:`write_navigation`), or None when ``_toc.yml`` is used as it is."""
    return project.build / "toc.yml" if agencies > group_above else None


def write_navigation(project: Project, entries: list[dict], group_above: int = GROUP_ABOVE) -> Path | None:
    """Above ``group_above`` agencies, write one page per province (``book/provinces/``) and a table of
    contents grouping the chapters by province (``_build/toc.yml``), and return its path; otherwise
    remove any such pages and return None (``_toc.yml`` is used as it is)."""
    import yaml

    folder = project.root / PROVINCES_DIR
    path = grouped_toc_path(project, len(entries), group_above)
    if path is None:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    folder.mkdir(parents=True, exist_ok=True)
    pages = {f"{key}.md": province_page(members) for key, members in provinces(entries).items()}
    for old in folder.iterdir():
        if old.name not in pages:
            shutil.rmtree(old) if old.is_dir() and not old.is_symlink() else old.unlink()
    for name, text in pages.items():  # an unchanged page keeps its time, so the site build does not re-read it
        write_if_changed(folder / name, text)
    toc = grouped_toc(yaml.safe_load((project.root / "_toc.yml").read_text(encoding="utf-8")), entries)
    project.build.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's, where PyYAML has it: a national toc in milliseconds
    write_if_changed(path, yaml.dump(toc, Dumper=dumper, sort_keys=False, allow_unicode=True))
    return path


#: The persistent Jupyter Book output under ``project.build``: html, doctrees and Sphinx's
#: environment, kept between builds so that a site build re-reads only what changed. Never served:
#: each successful build is copied from it to ``_build/sites/`` and published from there.
SITE_WORK = "site-work"
#: Written into the persistent output after a successful site build (its structure digest); removed
#: before a site build starts, so a failed or killed build makes the next one a full build.
SITE_WORK_MARK = "lkjpy-complete.json"
#: Beside it: which published files are copies of which files of the output (see :func:`copy_site`).
SITE_WORK_COPIES = "lkjpy-published.json"
_TERMINAL_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class SiteBuild:
    """What a site build did: a full build or an incremental one, and which pages Sphinx re-read."""

    full: bool
    read: list[str]
    pages: int  # documents in the site
    copy_seconds: float = 0.0  # copying the html to the published folder

    def describe(self) -> str:
        kind = "full build" if self.full else "incremental"
        return f"{kind}, {len(self.read)} of {self.pages} page(s) read, copied in {self.copy_seconds:.1f} s"


def site_work(project: Project) -> Path:
    """The persistent Jupyter Book output of ``project`` (see :data:`SITE_WORK`)."""
    return project.build / SITE_WORK


def site_log(project: Project) -> Path:
    """The last site build's own output (Jupyter Book and Sphinx, which lists the pages it read)."""
    return project.build / "logs" / "site.log"


def site_structure_digest(project: Project, toc: Path | None = None) -> str:
    """Hash of what every page of the site is made with, whose change needs a full site build: the
    configuration, the tables of contents and the agencies they list, the book's extensions and
    static files, which files the site offers for download (not their contents: Sphinx copies a
    changed file, but never removes one), the toolchain and the locale. (A changed title, which
    every page's menu shows, makes Sphinx write every page again: ``book/_ext/lkjpy_incremental.py``.)"""
    own = [p for folder in ("_ext", "_static") for p in sorted((project.book / folder).rglob("*"))
           if p.is_file() and "__pycache__" not in p.parts]
    downloads = sorted(str(p.relative_to(project.book)) for p in (project.book / "_data").rglob("*") if p.is_file())
    return _digest(*[str(p.relative_to(project.book)).encode() + b"=" + p.read_bytes() for p in own], *downloads,
                   (project.root / "_config.yml").read_bytes(), (project.root / "_toc.yml").read_bytes(),
                   toc.read_bytes() if toc else b"", *project.agency_ids(),
                   toolchain_digest(), project.locale)


def needs_full_site_build(project: Project, structure: str) -> bool:
    """Whether the persistent output cannot be updated in place: missing, left by a failed or killed
    build (no completion mark), unreadable, or made with another structure (see
    :func:`site_structure_digest`)."""
    work = site_work(project)
    try:
        mark = json.loads((work / SITE_WORK_MARK).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    html, doctrees = work / "_build" / "html", work / "_build" / ".doctrees"
    complete = all(p.is_file() for p in (html / "index.html", html / "searchindex.js", doctrees / "environment.pickle"))
    return not complete or not isinstance(mark, dict) or mark.get("structure") != structure


def publish(project: Project, toc: Path | None = None, full: bool = True, structure: str = "",
            jobs: int = 1) -> SiteBuild:
    """Strict jupyter-book build (:mod:`lkjpy.sitebuild`, ``jobs`` processes) into the persistent output
    (:func:`site_work`), a full one (output removed first, every page read) or, with ``full=False``, an
    incremental one (Sphinx re-reads the pages whose sources changed, ``book/_ext/lkjpy_incremental.py``
    those showing their content);
    then a copy of its html goes to ``_build/sites/`` and ``_build/html`` is switched to it
    atomically; only the site it replaced is removed afterwards. A failed build raises and leaves the
    published site as it was. The published site is a copy, not hard links into the output: Sphinx
    rewrites its output files in place (pages, copied images and static files), which would change
    the published site while a build runs; files that did not change are hard-linked from the
    previous published site (:func:`copy_site`). ``toc``: a generated table of contents to use instead of
    ``_toc.yml`` (see :func:`write_navigation`); ``structure``: the structure digest recorded with
    the output (see :func:`needs_full_site_build`)."""
    work = site_work(project)
    if full:
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    (work / SITE_WORK_MARK).unlink(missing_ok=True)
    sites = project.build / "sites"
    for leftover in sites.glob("staging-*"):  # a copy a killed build left (we hold the lock)
        shutil.rmtree(leftover, ignore_errors=True)
    doctrees = work / "_build" / ".doctrees"
    before = {p: _file_state(p) for p in doctrees.rglob("*.doctree")}
    cmd = [sys.executable, "-m", "lkjpy.sitebuild", str(project.root), str(work), "--jobs", str(jobs),
           *(["--all"] if full else []), *(["--toc", str(toc)] if toc else [])]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=project.root)
    site_log(project).parent.mkdir(parents=True, exist_ok=True)
    site_log(project).write_text(_TERMINAL_COLOUR.sub("", result.stdout + result.stderr), encoding="utf-8")
    if result.returncode != 0:
        raise RuntimeError(f"jupyter-book build failed; the published site is unchanged.\n"
                           f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    html = work / "_build" / "html"
    after = {p: _file_state(p) for p in doctrees.rglob("*.doctree")}
    read = sorted(str(p.relative_to(doctrees).with_suffix("")) for p, state in after.items() if before.get(p) != state)
    built = SiteBuild(full, read, len(after))
    sites.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="staging-", dir=sites))
    replaced = sites / Path(os.readlink(project.site)).name if project.site.is_symlink() else None
    t0 = time.monotonic()
    copy_site(html, staging, replaced, _read_json(work / SITE_WORK_COPIES))
    built.copy_seconds = time.monotonic() - t0
    new_site = sites / staging.name.replace("staging-", "site-")
    os.replace(staging, new_site)
    link = project.build / "html.new"
    if link.is_symlink() or link.exists():
        link.unlink()
    if project.site.exists() and not project.site.is_symlink():
        shutil.rmtree(project.site)  # a real folder from a plain `jupyter-book build`
    link.symlink_to(Path("sites") / new_site.name)
    os.replace(link, project.site)  # atomic: readers see the old site or the new one
    if replaced is not None and replaced != new_site:
        shutil.rmtree(replaced, ignore_errors=True)
    (work / SITE_WORK_COPIES).write_text(json.dumps(copies_record(html, new_site)), encoding="utf-8")
    (work / SITE_WORK_MARK).write_text(json.dumps({"structure": structure}), encoding="utf-8")
    return built


def _site_files(html: Path) -> list[str]:
    return sorted(str(Path(folder, name).relative_to(html)) for folder, _, names in os.walk(html) for name in names)


def copies_record(html: Path, site: Path) -> dict:
    """For each file of the published ``site``: the state of its source in the persistent ``html``
    and its own, taken after publishing (see :func:`copy_site`)."""
    return {"site": site.name,
            "files": {rel: [_file_state(html / rel), _file_state(site / rel)] for rel in _site_files(html)}}


def copy_site(html: Path, target: Path, previous: Path | None, record: dict) -> None:
    """Copy the persistent ``html`` tree to ``target``. A file that neither the site build changed
    (its source's state is the one ``record`` holds) nor anything else (the previous published
    site's copy still has its recorded state) is hard-linked from the ``previous`` site instead:
    the published sites share files only among themselves, never with the persistent output,
    which Sphinx rewrites in place."""
    files = record.get("files", {}) if previous is not None and record.get("site") == previous.name else {}
    for rel in _site_files(html):
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        source_state, copy_state = files.get(rel, (None, None))
        if source_state and source_state == _file_state(html / rel) and copy_state == _file_state(previous / rel):
            os.link(previous / rel, target / rel)
        else:
            shutil.copy2(html / rel, target / rel)


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


#: Folders of ``book/`` that the build writes (everything else in it is written by hand).
GENERATED = ("agencies", "pages", "sources", "_data", "provinces")


def _hand_written(book: Path) -> list[Path]:
    """The hand-written pages, extensions, styles and images of ``book/`` (the generated folders are
    not walked: at national scale they hold thousands of files)."""
    found = []
    for folder, subfolders, names in os.walk(book):
        if Path(folder) == book:
            subfolders[:] = [d for d in subfolders if d not in GENERATED]
        subfolders[:] = [d for d in subfolders if d != "__pycache__"]
        found += [Path(folder, n) for n in names if n.endswith((".md", ".py", ".css", ".js", ".png", ".svg"))]
    return found


def jobs(project: Project, hashes: FileHashes | None = None) -> tuple[list[Job], list[Job]]:
    """The project's chapter jobs (registry order) and cross-agency page jobs."""
    hashes = hashes or FileHashes()
    chapters = [agency_job(entry["id"], project, hashes, entry) for entry in project.registry()]
    return chapters, page_jobs(project, [j.inputs for j in chapters], hashes)


def site_is_current(project: Project, nav_group_above: int = GROUP_ABOVE) -> bool:
    """Whether the published site was built, without error, from the project's files as they are now."""
    hashes = FileHashes(project.build / FILE_HASHES)
    chapters, pages = jobs(project, hashes)
    toc = grouped_toc_path(project, len(chapters), nav_group_above)
    record = read_manifest(project).get("site", {})
    return (record.get("outcome") == "ok" and project.site.is_dir()
            and record.get("inputs") == site_digest(project, [j.inputs for j in chapters + pages], toc, hashes))


def site_digest(project: Project, job_hashes: list[str], toc: Path | None = None,
                hashes: FileHashes | None = None) -> str:
    """Hash of everything the published site depends on besides the executed notebooks' inputs."""
    hashes = hashes or FileHashes()
    stamp = project.build / ARCHIVE_STAMP  # what was staged for download, and its inputs (stage_downloads)
    staged = _read_json(stamp).get("staged")
    folder = staged.get("charts") if isinstance(staged, dict) else None
    charts = sorted((project.book / str(folder)).glob("*.csv")) if folder else []  # the chart data as staged
    return _digest(*job_hashes, hashes.of(stamp), hashes.files(charts),
                   *[f"{p.relative_to(project.book)}={hashes.of(p)}"
                     for p in sorted(_hand_written(project.book)) + [project.book / "agencies" / "index.md"]],
                   *[hashes.of(p) for p in (toc, project.root / "_config.yml", project.root / "_toc.yml",
                                            project.data / "README.md") if p is not None])


def build(project: Project | None = None, only: list[str] | None = None, workers: int = 1, force: bool = False,
          timeout: int = CELL_TIMEOUT, site: bool = True, nav_group_above: int = GROUP_ABOVE,
          executor: Executor | None = None) -> list[Outcome]:
    """Run the jobs of ``project`` (default: the one holding lkjpy) that changed (or all with
    ``force``), then publish its site; return the outcomes.

    ``executor``: where jobs run, any ``concurrent.futures.Executor`` (for example a distributed
    engine's, such as ``dask.distributed.Client(...).get_executor()``); it is not shut down here.
    Without one: a process pool of ``workers`` processes that die with the build, or with one
    worker, this process. Holds the project's lock throughout (:class:`BuildLocked` if another
    build has it); an unknown agency is refused before anything is touched."""
    project = project or Project()
    with project_lock(project), contextlib.ExitStack() as stack:
        own = executor is None and workers > 1
        if own:  # one pool for chapters and pages: a kernel per worker, started once
            executor = stack.enter_context(ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent))
        return _build(project, only, workers, force, timeout, site, nav_group_above, executor, own)


def _build(project: Project, only: list[str] | None, workers: int, force: bool, timeout: int, site: bool,
           nav_group_above: int, executor: Executor | None = None, own_executor: bool = False) -> list[Outcome]:
    os.environ.pop("MPLBACKEND", None)  # an Agg backend would drop glued figures silently
    start = time.monotonic()
    ids = project.agency_ids()
    unknown = sorted(set(only or []) - set(ids))
    if unknown:
        raise DataError([_unknown(project, u, ids) for u in unknown])
    remove_stale(project, ids)
    manifest = read_manifest(project)
    hashes = FileHashes(project.build / FILE_HASHES)
    chapters, pages = jobs(project, hashes)
    selected = [j for j in chapters if not only or j.name in only]
    total, done = len(selected) + len(pages) + (1 if site else 0), [0]
    print(f"Building {len(selected)} chapter(s) and {len(pages)} page(s) with {workers} worker(s)", flush=True)
    try:  # without an executor, chapters and pages run in one kernel of this process
        outcomes = _run_many(selected, manifest, force, start, done, total, timeout, executor)
        # the archive needs every chapter's outputs, the Data page the archive
        stage_downloads(project, {j.name: j.inputs for j in chapters}, hashes, executor)
        outcomes += _run_many(pages, manifest, force, start, done, total, timeout, executor)
    finally:  # the kernels end before the site build needs the memory
        if executor is None:
            stop_kernel()
        elif own_executor:
            executor.shutdown()
    write_manifest(project, manifest)
    if site:
        toc = write_navigation(project, project.registry(), nav_group_above)
        inputs = site_digest(project, [j.inputs for j in chapters + pages], toc, hashes)
        last = manifest.get("site", {})
        done[0] += 1
        if not force and last.get("inputs") == inputs and last.get("outcome") == "ok" and project.site.exists():
            outcomes.append(Outcome("site", True, 0.0, skipped=True))
            print(f"[{done[0]}/{total}] site: unchanged, skipped", flush=True)
        else:
            structure = site_structure_digest(project, toc)
            full = force or needs_full_site_build(project, structure)
            t0, what = time.monotonic(), None
            try:
                what = publish(project, toc, full=full, structure=structure, jobs=workers)
                outcomes.append(Outcome("site", True, time.monotonic() - t0))
            except RuntimeError as exc:
                outcomes.append(Outcome("site", False, time.monotonic() - t0, str(exc)))
            print(f"[{done[0]}/{total}] site: {'ok' if outcomes[-1].ok else 'FAILED'} "
                  f"({outcomes[-1].seconds:.1f} s{'; ' + what.describe() if what else ''}); "
                  f"elapsed {time.monotonic() - start:.0f} s", flush=True)
            ok = outcomes[-1].ok and not any(not o.ok for o in outcomes)
            manifest["site"] = {"inputs": inputs if ok else "", "outcome": "ok" if outcomes[-1].ok else "failed",
                                "seconds": round(outcomes[-1].seconds, 2), "full": full,
                                "pages_read": len(what.read) if what else None, "pages": what.pages if what else None,
                                "read": what.read if what else [],
                                "copy_seconds": round(what.copy_seconds, 2) if what else None}
            write_manifest(project, manifest)
    hashes.save()
    failed = [o for o in outcomes if not o.ok]
    ran = [o for o in outcomes if not o.skipped and o.name != "site"]
    print(f"Done in {time.monotonic() - start:.1f} s: {len(ran)} executed, "
          f"{sum(o.skipped for o in outcomes)} unchanged, {len(failed)} failed.", flush=True)
    for o in failed:
        print(f"\nFAILED {o.name}:\n{o.error}", file=sys.stderr, flush=True)
    return outcomes


def copy_project(target: Path, root: Path | None = None, only: list[str] | None = None) -> Path:
    """Copy what a build needs (data, templates, hand-written pages, configuration) to ``target``,
    without build products: for tests and benchmarks that must not touch the real book. With
    ``only``, the copy's registry and data hold just those agencies (a small, fast project)."""
    project = Project(root)
    target.mkdir(parents=True, exist_ok=True)
    for item in ("data", "notebooks", "book", "_config.yml", "_toc.yml"):
        src = project.root / item
        if item == "data" and only is not None:
            _copy_data(src, target / "data", only)
        elif src.is_dir():
            generated = GENERATED if item == "book" else ()
            shutil.copytree(src, target / item, ignore=shutil.ignore_patterns(*generated))
        else:
            shutil.copy(src, target / item)
    (target / "book" / "agencies").mkdir(exist_ok=True)
    shutil.copy(project.book / "agencies" / "index.md", target / "book" / "agencies" / "index.md")
    return target


def _copy_data(src: Path, dst: Path, only: list[str]) -> None:
    """The data folder with only the registry entries (and files) of ``only``."""
    import yaml

    from .registry import read_registry

    entries = [e for e in read_registry(src) if e["id"] in only]
    (dst / "sources").mkdir(parents=True)
    for entry in entries:
        shutil.copytree(src / entry["id"], dst / entry["id"])
        shutil.copy(src / entry["source"], dst / entry["source"])
    shutil.copy(src / "README.md", dst / "README.md")
    text = yaml.safe_dump({"agencies": entries}, allow_unicode=True, sort_keys=False)
    (dst / "agencies.yml").write_text(text, encoding="utf-8")


def _unknown(project: Project, agency_id: str, ids: list[str]):
    from .errors import Problem

    return Problem(project.data / "agencies.yml", f"--only {agency_id!r} is not in the registry; known: {', '.join(ids)}",
                   column="id")
