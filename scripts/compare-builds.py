#!/usr/bin/env python3
"""Compares builds of mra-gateway on the same files, in one run, taking turns.

    python3 scripts/compare-builds.py [--rounds N] [--records N] NAME=PATH/mra-gateway NAME=PATH/mra-gateway ...

Each round runs validate, validate --verify, verify, sign and exchange run (into a fresh root) with every
build, the builds in a rotating order, so a slow minute of the machine falls on all of them alike. Prints
the median and the fastest wall time of each command per build, and the ratio of the medians to the first
build's. The files (a generated eu-aeo batch, signed with the DEMO identity) are made with the first build.
Run it from the checkout (it reads Certs/ and the configuration there); build with `swift build -c release`
and copy each build's binary aside first.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

COMMANDS = ["validate", "validate --verify", "verify", "sign", "exchange run"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("builds", nargs="+", metavar="NAME=PATH")
    options = parser.parse_args()
    builds = dict(build.split("=", 1) for build in options.builds)
    home = os.getcwd()
    demo = f"{home}/Certs/eu-aeo/demo"
    work = tempfile.mkdtemp(prefix="mra-compare-")
    try:
        first = next(iter(builds.values()))
        unsigned, signed = f"{work}/batch.xml", f"{work}/batch-signed.xml"
        run([first, "generate", "--program", "eu-aeo", "--records", str(options.records), "-o", unsigned])
        run([first, "sign", "--key", f"{demo}/signer.key.pem", "--cert", f"{demo}/signer.cert.pem",
             "--chain", f"{demo}/chain.pem", unsigned, "-o", signed])
        times = measure(builds, options.rounds, home, demo, work, unsigned, signed)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(builds, times, options)


def commands(gateway, home, demo, work, unsigned, signed):
    """Each command's arguments; the exchange gets a fresh root with the signed batch in its inbox."""
    root = f"{work}/root"
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(f"{root}/inbox/eu-aeo")
    shutil.copy(signed, f"{root}/inbox/eu-aeo/batch.xml")
    return {
        "validate": [gateway, "validate", "--program", "eu-aeo", unsigned],
        "validate --verify": [gateway, "validate", "--verify", "--program", "eu-aeo", "--home", home, signed],
        "verify": [gateway, "verify", "--home", home, "--partner", "eu-aeo", signed],
        "sign": [gateway, "sign", "--key", f"{demo}/signer.key.pem", "--cert", f"{demo}/signer.cert.pem",
                 "--chain", f"{demo}/chain.pem", unsigned, "-o", f"{work}/out.xml"],
        "exchange run": [gateway, "exchange", "run", "--root", root, "--home", home, "--log-level", "error"],
    }


def measure(builds, rounds, home, demo, work, unsigned, signed):
    names = list(builds)
    times = {}
    for index in range(rounds):
        for name in names[index % len(names):] + names[:index % len(names)]:
            for command, argv in commands(builds[name], home, demo, work, unsigned, signed).items():
                started = time.monotonic()
                run(argv)
                times.setdefault((command, name), []).append(time.monotonic() - started)
    return times


def run(argv):
    result = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if result.returncode != 0:
        sys.exit(f"{' '.join(argv)}: exit {result.returncode}: {result.stderr.decode()[-500:]}")


def report(builds, times, options):
    names = list(builds)
    print(f"{options.records} eu-aeo records, {options.rounds} rounds taking turns, {os.cpu_count()} cores; "
          f"median (fastest) wall time, and the median's ratio to {names[0]}'s")
    for command in COMMANDS:
        base = statistics.median(times[(command, names[0])])
        cells = []
        for name in names:
            runs = times[(command, name)]
            median = statistics.median(runs)
            cells.append(f"{name} {median:.3f} s ({min(runs):.3f}) {median / base:.3f}x")
        print(f"  {command:18s} " + "   ".join(cells))


if __name__ == "__main__":
    main()
