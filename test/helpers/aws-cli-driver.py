"""The AWS CLI v1 without a Python start and imports per call (test/helpers/aws-cli.ts).

An `aws` process spends ~0.6 s of CPU per call, most of it starting Python and importing
awscli and botocore. This driver imports them once; each call is then a process forked
from it that does what the `aws` process would: with the call's environment, working
directory and argv, an empty stdin and stdout and stderr pipes on descriptors 0-2, it runs
the installed entry-point script itself (runpy, as `__main__`), whose
`awscli.clidriver.main()` builds a fresh CLIDriver (`create_clidriver()`: a new botocore
session, configuration, credentials, plugins), and ends as Python ends (threads joined,
atexit, streams flushed) with the script's exit status. The fork is ~0.15 s of CPU.

    python aws-cli-driver.py /path/to/bin/aws

Requests arrive on descriptor 3 (a socket) and answers leave on it, one JSON document a
line:
    {"argv": [...], "env": {...}, "cwd": "..."}
    {"status": 0, "stdout": "<base64>", "stderr": "<base64>"}
The first line written is {"ready": "<awscli version>"} or {"unsupported": "<why>"}: only
the AWS CLI v1 is driven this way.
"""

import base64
import gc
import importlib
import json
import os
import runpy
import selectors
import sys

#: The driver's own descriptors (its requests and answers), which a call's process closes.
DRIVER_FDS = []


def main(script):
    requests = os.fdopen(3, "rb")
    answers = os.fdopen(os.dup(3), "wb")
    DRIVER_FDS.extend([requests.fileno(), answers.fileno()])
    # The entry point's own directory first on sys.path, as when Python runs the script.
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    try:
        import awscli
        import awscli.clidriver

        version = awscli.__version__
        if not version.startswith("1.") or not hasattr(awscli.clidriver, "create_clidriver"):
            raise ImportError(f"awscli {version} is not the AWS CLI v1")
    except Exception as error:  # noqa: BLE001 — any failure means: spawn `aws` instead
        answer(answers, {"unsupported": f"{type(error).__name__}: {error}"})
        return
    answer(answers, {"ready": version})
    for line in requests:
        request = json.loads(line)
        result, imported = call(script, request["argv"], request["env"], request["cwd"])
        answer(answers, result)
        preimport(imported)


def call(script, argv, env, cwd):
    """`aws *argv` in a forked process; its result and the modules it had imported."""
    stdin_r, stdin_w = os.pipe()
    stdout_r, stdout_w = os.pipe()
    stderr_r, stderr_w = os.pipe()
    modules_r, modules_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            os.dup2(stdin_r, 0)
            os.dup2(stdout_w, 1)
            os.dup2(stderr_w, 2)
            pipes = (stdin_r, stdin_w, stdout_r, stdout_w, stderr_r, stderr_w, modules_r)
            for fd in (*DRIVER_FDS, *pipes):
                os.close(fd)
            status = run_as_process(script, argv, env, cwd)
            os.write(modules_w, json.dumps(list(sys.modules)).encode())
        except BaseException:  # the driver's own failure, shown where the call's errors go
            import traceback

            traceback.print_exc()
        finally:
            os._exit(status)
    for fd in (stdin_r, stdin_w, stdout_w, stderr_w, modules_w):
        os.close(fd)
    output = read_all({stdout_r: "stdout", stderr_r: "stderr", modules_r: "modules"})
    _, wait_status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(wait_status)
    result = {
        # A process killed by a signal has no status (spawnSync's null, read as -1).
        "status": code if code >= 0 else -1,
        "stdout": base64.b64encode(output["stdout"]).decode("ascii"),
        "stderr": base64.b64encode(output["stderr"]).decode("ascii"),
    }
    return result, json.loads(output["modules"] or b"[]")


def run_as_process(script, argv, env, cwd):
    """In the forked process: the entry point as Python runs a script; its exit status."""
    os.environ.clear()
    os.environ.update(env)
    # Importing awscli writes AWS_DATA_PATH (the call's own entries, then awscli's data
    # directory) into the environment: done again under this call's environment. The other
    # environment that modules read on import (HOME for `~`, BOTO_DISABLE_CRT) or that
    # Python reads as it starts (locale, TZ, PYTHON*) is the driver's: aws-cli.ts spawns
    # `aws` for a call that changes it.
    importlib.reload(sys.modules["awscli"])
    os.chdir(cwd)
    sys.argv = [script, *argv]
    try:
        runpy.run_path(script, run_name="__main__")
        status = 0
    except SystemExit as exit:
        status = exit_status(exit.code)
    except BaseException as error:  # printed as Python prints an uncaught exception
        traceback = error.__traceback__
        while traceback is not None and traceback.tb_frame.f_code.co_filename != script:
            traceback = traceback.tb_next
        sys.excepthook(type(error), error, traceback or error.__traceback__)
        status = 1
    return finish(status)


def exit_status(code):
    """The status `sys.exit(code)` gives a process (None is 0, other objects print, 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def finish(status):
    """What Python does as it ends: joins threads, runs atexit, flushes the streams."""
    import atexit
    import threading

    threading._shutdown()
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 — Python's own status when flushing fails at exit
        return 120
    return status


def read_all(names):
    """Everything written to each pipe until all are closed."""
    chunks = {name: [] for name in names.values()}
    with selectors.DefaultSelector() as selector:
        for fd in names:
            selector.register(fd, selectors.EVENT_READ)
        open_fds = set(names)
        while open_fds:
            for key, _ in selector.select():
                data = os.read(key.fd, 65536)
                if data:
                    chunks[names[key.fd]].append(data)
                else:
                    selector.unregister(key.fd)
                    os.close(key.fd)
                    open_fds.discard(key.fd)
    return {name: b"".join(parts) for name, parts in chunks.items()}


def preimport(names):
    """
    Imports here what the calls imported as they ran, so the next fork finds them loaded
    (the CLI imports most of what a call needs on the way; ~0.1 s a call), then freezes the
    collector's view of them so the forks do not copy the pages it would touch.
    """
    missing = [name for name in names if name not in sys.modules and name != "__main__"]
    for name in missing:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 — a name that is no importable module
            pass
    if missing:
        gc.freeze()


def answer(answers, message):
    answers.write(json.dumps(message).encode() + b"\n")
    answers.flush()


if __name__ == "__main__":
    main(sys.argv[1])
