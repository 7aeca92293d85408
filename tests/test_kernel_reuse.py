"""A build process keeps one kernel and runs its notebooks one after the other in it: nothing of
one agency's notebook may reach the next, and a timed-out or dead kernel is replaced."""

from __future__ import annotations

import nbformat
import pytest

from lkjpy import build

new_code_cell = nbformat.v4.new_code_cell


def _notebook(path, *cells, parameters="", before=()) -> None:
    """A notebook: ``%matplotlib inline``, the cells ``before``, a parameters cell, the ``cells``."""
    nb = nbformat.v4.new_notebook(cells=[new_code_cell("%matplotlib inline"), *map(new_code_cell, before)])
    if parameters:
        nb.cells.append(new_code_cell(parameters, metadata={"tags": ["parameters"]}))
    nb.cells += [new_code_cell(source) for source in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def _run(tmp_path, name: str, parameters: dict, timeout: int = 120, folder: str = ""):
    """Execute notebook ``name`` as a build job does, into ``book/<folder or name>/``; the executed notebook."""
    folder = folder or name
    output = tmp_path / "book" / folder / "out.ipynb"
    build._execute(tmp_path / f"{name}.ipynb", output, parameters, timeout, tmp_path / "logs" / f"{folder}.log",
                   tmp_path / "running", tmp_path)
    return nbformat.read(output, as_version=4)


def _kernel_pid(nb) -> int:
    return int(next(o["text"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
                    if o.get("name") == "stdout" and o["text"].startswith("pid=")).strip()[4:])


@pytest.fixture
def kernel():
    yield
    build.stop_kernel()


FIRST = [
    "assert '_lkjpy_fresh_namespace' not in globals()",  # the build's own clearing code leaves no name
    "import os\nimport matplotlib\nimport matplotlib.pyplot as plt\nimport pandas as pd\nimport warnings",
    ("leaked = 42\nmatplotlib.rcParams['lines.linewidth'] = 7.5\npd.set_option('display.max_rows', 3)\n"
     "warnings.simplefilter('error')\nos.environ['LEAKED'] = '1'\n"
     "os.makedirs('elsewhere', exist_ok=True)\nos.chdir('elsewhere')\nfigure = plt.figure()\nplt.plot([1, 2])"),
    "print(f'pid={os.getpid()}')",
]


IMPORTS = ("import os\nimport warnings\nimport matplotlib\nimport matplotlib.pyplot as plt\nimport pandas as pd\n"
           "from myst_nb import glue")


def _second(expected_cwd) -> list[str]:
    return [
        "assert agency == 'second'",
        "assert matplotlib.rcParams['lines.linewidth'] == 1.5, matplotlib.rcParams['lines.linewidth']",
        "assert pd.get_option('display.max_rows') == 60",
        "assert 'LEAKED' not in os.environ",
        "warnings.warn('only a warning')",
        f"assert os.path.realpath(os.getcwd()) == os.path.realpath({str(expected_cwd)!r}), os.getcwd()",
        "assert plt.get_fignums() == [], plt.get_fignums()",
        "fig, ax = plt.subplots()\nax.plot([3, 1, 2])\nglue('chart', fig, display=False)\nglue('answer', 6 * 7, display=False)",
        "plt.plot([1, 2])",
        "print(f'pid={os.getpid()}')",
    ]


def test_second_notebook_in_a_reused_kernel_sees_nothing_of_the_first(tmp_path, kernel):
    _notebook(tmp_path / "first.ipynb", *FIRST, parameters="agency = 'x'")
    # the names of the first notebook are looked for before the parameters cell defines `agency` again
    _notebook(tmp_path / "second.ipynb", *_second(tmp_path / "book" / "second"), parameters="agency = 'x'",
              before=[IMPORTS, ("gone = {'leaked', 'figure', 'agency', '_lkjpy_fresh_namespace'}\n"
                                "assert not gone & set(globals()), globals().keys()")])

    first = _run(tmp_path, "first", {"agency": "first"})
    assert (tmp_path / "book" / "first" / "elsewhere").is_dir()  # the first notebook did change folder
    second = _run(tmp_path, "second", {"agency": "second"})  # papermill raises if an assertion fails

    assert _kernel_pid(first) == _kernel_pid(second), "the kernel was not reused"
    code = [c for c in second.cells if c.cell_type == "code"]
    assert code[0].execution_count == 1  # numbered as in a new kernel
    outputs = [o for c in code for o in c.outputs]
    glued = {o.metadata["scrapbook"]["name"]: o.data for o in outputs if "scrapbook" in o.get("metadata", {})}
    assert "application/papermill.record/image/png" in glued["chart"]
    assert glued["answer"]["application/papermill.record/text/plain"] == "42"
    assert any("image/png" in o.get("data", {}) for o in outputs if o["output_type"] == "display_data")
    assert any(o.get("name") == "stderr" and "only a warning" in o["text"] for o in outputs)
    injected = [c for c in second.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and injected[0].id == "injected-parameters" and "agency = \"second\"" in injected[0].source
    assert "remove-cell" in injected[0].metadata["tags"]


@pytest.mark.parametrize("cell, error", [("import time\ntime.sleep(60)", "CellTimeoutError"),
                                         ("import os\nos._exit(1)", "DeadKernelError")])
def test_a_timed_out_or_dead_kernel_fails_its_job_and_the_next_gets_a_new_kernel(tmp_path, kernel, cell, error):
    _notebook(tmp_path / "ok.ipynb", "import os\nprint(f'pid={os.getpid()}')")
    _notebook(tmp_path / "bad.ipynb", "import os\nprint(f'pid={os.getpid()}')", cell)
    before = _kernel_pid(_run(tmp_path, "ok", {}))
    with pytest.raises(Exception) as failure:
        _run(tmp_path, "bad", {}, timeout=3)
    assert type(failure.value).__name__ == error
    after = _kernel_pid(_run(tmp_path, "ok", {}))
    assert after != before
    assert (tmp_path / "logs" / "bad.log").is_file()


def test_threads_of_a_thread_based_executor_keep_a_kernel_each(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    _notebook(tmp_path / "slow.ipynb", "import os, time\ntime.sleep(2)\nprint(f'pid={os.getpid()}')",
              "assert os.path.basename(os.getcwd()) == name, os.getcwd()", parameters="name = ''")
    try:
        with ThreadPoolExecutor(2) as pool:
            runs = [pool.submit(_run, tmp_path, "slow", {"name": f"job{i}"}, 120, f"job{i}") for i in range(4)]
            pids = [_kernel_pid(run.result()) for run in runs]
    finally:
        build.stop_every_kernel()
    assert len(set(pids)) == 2  # one kernel per thread, each reused for its second notebook

