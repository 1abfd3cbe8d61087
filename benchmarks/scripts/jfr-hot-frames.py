#!/usr/bin/env python3
"""Summarise CPU samples of a JFR recording made by the benchmark harness.

Usage: jfr print --json --events jdk.ExecutionSample FILE.jfr > samples.json
       python3 jfr-hot-frames.py samples.json [TOP]

Prints the sample count per thread group and the hottest top frames (self time), over all threads
and per thread group. It then lists the connector methods (io.github.natsjetstream, without the
harness) that are on the stack most often (inclusive time).
"""
import collections
import json
import re
import sys

CONNECTOR = "io.github.natsjetstream."
HARNESS = "io.github.natsjetstream.benchmarks."


def frame_name(frame):
    method = frame["method"]
    type_name = method["type"]["name"].replace("/", ".")
    type_name = re.sub(r"\$\$Lambda\$.*", "$$Lambda", type_name)
    return type_name + "." + method["name"]


def thread_group(name):
    """Collapses per-instance thread names, such as nats-jetstream-publish-bench-out, into a group."""
    name = re.sub(r"\d+", "N", name or "?")
    return name


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    with open(path) as file:
        events = json.load(file)["recording"]["events"]

    threads = collections.Counter()
    self_frames = collections.Counter()
    thread_frames = collections.defaultdict(collections.Counter)
    connector_inclusive = collections.Counter()
    connector_samples = 0
    for event in events:
        values = event["values"]
        thread = values["sampledThread"]
        name = thread.get("javaName") or thread.get("osName") or "?"
        threads[thread_group(name)] += 1
        frames = [frame_name(frame) for frame in (values["stackTrace"] or {}).get("frames", [])]
        if not frames:
            continue
        self_frames[frames[0]] += 1
        thread_frames[thread_group(name)][frames[0]] += 1
        seen = set()
        in_connector = False
        for frame in frames:
            if frame.startswith(CONNECTOR) and not frame.startswith(HARNESS) and frame not in seen:
                seen.add(frame)
                connector_inclusive[frame] += 1
                in_connector = True
        if in_connector:
            connector_samples += 1

    total = sum(threads.values())
    print(f"{total} execution samples, {connector_samples} with a connector frame on the stack")
    print("\nSamples by thread (digits collapsed to N):")
    for name, count in threads.most_common(top):
        print(f"  {count:6d} {100.0 * count / total:5.1f}%  {name}")
    print("\nHottest top frames (self):")
    for name, count in self_frames.most_common(top):
        print(f"  {count:6d} {100.0 * count / total:5.1f}%  {name}")
    print("\nHottest top frames per thread group (5 largest groups):")
    for name, count in threads.most_common(5):
        print(f"  {name} ({count} samples):")
        for frame, frame_count in thread_frames[name].most_common(8):
            print(f"    {frame_count:6d} {100.0 * frame_count / count:5.1f}%  {frame}")
    print("\nConnector methods on the stack (inclusive):")
    for name, count in connector_inclusive.most_common(top):
        print(f"  {count:6d} {100.0 * count / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
