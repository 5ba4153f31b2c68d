"""The AWS CLI v1 run many times in one Python process (test/helpers/aws-cli.ts).

An `aws` process spends ~0.6 s of CPU per call, mostly importing awscli and botocore. This
driver imports them once, then runs each call the way the `aws` entry point would in a
process of its own: the installed entry-point script itself (runpy, as `__main__`), with
os.environ, the working directory, sys.argv and the standard streams set to what that
process would have had. The script's `awscli.clidriver.main()` builds a fresh CLIDriver
(`create_clidriver()`: a new botocore session, configuration, credentials, plugins) for
every call, so nothing of one call's session reaches the next.

    python aws-cli-driver.py /path/to/bin/aws

Requests arrive on stdin and answers leave on file descriptor 3, one JSON document a line:
    {"argv": [...], "env": {...}, "cwd": "..."}
    {"status": 0, "stdout": "<base64>", "stderr": "<base64>"}
The first line written is {"ready": "<awscli version>"} or {"unsupported": "<why>"}: only
the AWS CLI v1 is driven this way (v2's entry point keeps state across calls, and pages).
"""

import base64
import importlib
import io
import json
import os
import runpy
import sys
import traceback


def main(script):
    answers = os.fdopen(3, "w", encoding="utf-8")
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
    for line in sys.stdin.buffer:
        request = json.loads(line)
        answer(answers, run(script, request["argv"], request["env"], request["cwd"]))


def run(script, argv, env, cwd):
    """One call, as `aws *argv` run with environment `env` in directory `cwd`."""
    os.environ.clear()
    os.environ.update(env)
    # Importing awscli writes AWS_DATA_PATH (the call's own entries, then awscli's data
    # directory) into the environment: done again under this call's environment. The other
    # environment that modules read on import (HOME for `~`, BOTO_DISABLE_CRT) or that
    # Python reads as it starts (locale, TZ, PYTHON*) is the driver's: aws-cli.ts spawns
    # `aws` for a call that changes it.
    importlib.reload(sys.modules["awscli"])
    os.chdir(cwd)
    # New streams like the process's own: stdin empty (the callers give it no input),
    # stdout and stderr pipes with the encoding and error handlers Python chose for this
    # driver's pipes under the same locale (aws-cli.ts starts no driver for a call whose
    # locale or PYTHON* variables differ).
    stdout = io.TextIOWrapper(
        io.BytesIO(), encoding=sys.__stdout__.encoding, errors=sys.__stdout__.errors
    )
    stderr = io.TextIOWrapper(
        io.BytesIO(), encoding=sys.__stderr__.encoding, errors=sys.__stderr__.errors
    )
    stdin = io.TextIOWrapper(
        io.BytesIO(b""), encoding=sys.__stdin__.encoding, errors=sys.__stdin__.errors
    )
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    sys.argv = [script, *argv]
    try:
        runpy.run_path(script, run_name="__main__")
        status = 0
    except SystemExit as exit:
        status = exit_status(exit.code, stderr)
    except BaseException:  # what Python does with an uncaught exception: print it, exit 1
        traceback.print_exc(file=stderr)
        status = 1
    finally:
        sys.stdin, sys.stdout, sys.stderr = sys.__stdin__, sys.__stdout__, sys.__stderr__
    stdout.flush()
    stderr.flush()
    return {
        "status": status,
        "stdout": base64.b64encode(stdout.buffer.getvalue()).decode("ascii"),
        "stderr": base64.b64encode(stderr.buffer.getvalue()).decode("ascii"),
    }


def exit_status(code, stderr):
    """The status `sys.exit(code)` gives a process (None is 0, other objects print, 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=stderr)
    return 1


def answer(answers, message):
    answers.write(json.dumps(message) + "\n")
    answers.flush()


if __name__ == "__main__":
    main(sys.argv[1])
