"""Interleaved A/B timing of short processes: each round runs every command
once, in turn, so load drifts on a shared machine hit all of them alike
(hyperfine runs one command's rounds, then the next's). Prints the median
wall time and the median user+system CPU of each command, and each one's
ratio to the first. Run by hand, not by CI.

usage: python3 bench/ab_proc.py ROUNDS -- CMD1 ';;' CMD2 [';;' CMD3 ...]
(commands split on spaces; two untimed warm-up rounds first)
"""
import os
import statistics as st
import subprocess
import sys
import time

rounds = int(sys.argv[1])
cmds = [c.split() for c in " ".join(sys.argv[3:]).split(" ;; ")]
wall = [[] for _ in cmds]
cpu = [[] for _ in cmds]
for _ in range(2):
    for c in cmds:
        subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(rounds):
    for i, c in enumerate(cmds):
        t = time.perf_counter()
        p = subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, ru = os.wait4(p.pid, 0)
        wall[i].append(time.perf_counter() - t)
        cpu[i].append(ru.ru_utime + ru.ru_stime)
w = [st.median(x) for x in wall]
u = [st.median(x) for x in cpu]
for i, c in enumerate(cmds):
    print(
        f"{c[0]}: wall median {w[i] * 1000:.1f} ms ({w[i] / w[0]:.2f}x), "
        f"user+sys median {u[i] * 1000:.1f} ms ({u[i] / u[0]:.2f}x)"
    )
