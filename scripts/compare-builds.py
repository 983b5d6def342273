#!/usr/bin/env python3
"""Compares builds of mra-gateway on the same files, in one run, taking turns.

    python3 scripts/compare-builds.py [--rounds N] [--records N] NAME=PATH/mra-gateway NAME=PATH/mra-gateway ...

Each round runs validate, validate --verify, verify, sign and exchange run (into a fresh root) with every
build, the builds in a rotating order, so a slow minute of the machine falls on all of them alike. Prints,
per command and build, the median and fastest wall time and the median CPU time (user + system of the
command and its threads), each median's ratio to the first build's. On a shared virtual machine the CPU
time moves less than the wall time. The files (a generated eu-aeo batch, signed with the DEMO identity) are made with the first build.
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

COMMANDS = ["validate", "validate --verify", "verify", "sign", "exchange run", "translate"]


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
        "translate": [gateway, "translate", "--from", "eu-aeo", "--to", "ctpat", "--home", home, unsigned,
                      "-o", f"{work}/translated.xml"],
    }


def measure(builds, rounds, home, demo, work, unsigned, signed):
    names = list(builds)
    times = {}
    for index in range(rounds):
        for name in names[index % len(names):] + names[:index % len(names)]:
            for command, argv in commands(builds[name], home, demo, work, unsigned, signed).items():
                times.setdefault((command, name), []).append(run(argv))
    return times


def run(argv):
    """Runs `argv` to its end; returns its wall time and its CPU time (user + system), in seconds."""
    started = time.monotonic()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(argv)}: exit {code}: {errors.decode()[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime


def report(builds, times, options):
    names = list(builds)
    print(f"{options.records} eu-aeo records, {options.rounds} rounds taking turns, {os.cpu_count()} cores; "
          f"wall: median (fastest), CPU: median; ratios of the medians to {names[0]}'s")
    for command in COMMANDS:
        base_wall = statistics.median(wall for wall, _ in times[(command, names[0])])
        base_cpu = statistics.median(cpu for _, cpu in times[(command, names[0])])
        cells = []
        for name in names:
            walls = [wall for wall, _ in times[(command, name)]]
            cpu = statistics.median(c for _, c in times[(command, name)])
            wall = statistics.median(walls)
            cells.append(
                f"{name}: wall {wall:.3f} s ({min(walls):.3f}) {wall / base_wall:.3f}x, cpu {cpu:.3f} s {cpu / base_cpu:.3f}x")
        print(f"  {command:18s} " + "   ".join(cells))


if __name__ == "__main__":
    main()
