"""The article's AWS Batch job: sleep for a while and report when it started and ended.

Usage: python sleep_example.py [SECONDS]   (default 60; the job definition passes Ref::seconds)
"""
import signal
import sys
import time
from datetime import datetime

DEFAULT_SECONDS = 60
# Exit status after SIGTERM (128 + 15). AWS Batch sends SIGTERM when an attempt times out, and SIGKILL
# 30 s later; the script runs as PID 1 in its container, where SIGTERM is ignored unless handled.
SIGTERM_EXIT = 143


def stop(signum, frame):
    """SIGTERM: say so and exit at once with SIGTERM_EXIT, so a timed-out job stops before SIGKILL."""
    print(f"Job stopped by SIGTERM at: {datetime.now().strftime('%Y-%m-%d %H:%M:%S')}", flush=True)
    sys.exit(SIGTERM_EXIT)


def fail(message):
    """A bad argument: one line on stderr, exit status 2, nothing slept."""
    print(f"sleep_example.py: {message}", file=sys.stderr)
    sys.exit(2)


def parse_seconds(argv):
    """Returns the sleep time from the command line (DEFAULT_SECONDS without an argument)."""
    if len(argv) > 2:
        fail(f"expected at most one argument SECONDS, got {len(argv) - 1}")
    if len(argv) < 2:
        return DEFAULT_SECONDS
    try:
        seconds = float(argv[1])
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 86400:  # also false for NaN
        fail(f"SECONDS must be a number from 0 to 86400, got {argv[1]!r}")
    return seconds


def main(argv):
    seconds = parse_seconds(argv)
    signal.signal(signal.SIGTERM, stop)
    start = time.time()
    print(f"Job started at: {datetime.now().strftime('%Y-%m-%d %H:%M:%S')}", flush=True)
    time.sleep(seconds)
    print(f"Job completed at: {datetime.now().strftime('%Y-%m-%d %H:%M:%S')}", flush=True)
    print(f"Total execution time: {time.time() - start:.2f} seconds", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
