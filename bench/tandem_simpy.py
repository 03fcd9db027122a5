"""The benchmark's tandem line written in SimPy 3, the reference Flowcast's speed is reported against.

Five M/M/1 stations in series: Poisson arrivals at rate 1 per minute, exponential service with mean 0.9 min
at every station (load 90%). Model events are counted the way bench/run.ts counts them for Flowcast: one per
arrival, one per service start, one per service end (11 per order). The script runs until every one of the
ORDERS orders has left the last station, then prints one JSON line on stdout.

Usage: python3 bench/tandem_simpy.py ORDERS SEED
"""

import json
import random
import sys
import time

import simpy

STATIONS = 5
ARRIVAL_RATE = 1.0  # orders per minute
SERVICE_MEAN = 0.9  # minutes


def main() -> None:
    orders = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(seed)
    env = simpy.Environment()
    stations = [simpy.Resource(env, capacity=1) for _ in range(STATIONS)]
    counts = {"events": 0, "completed": 0, "cycle_sum": 0.0}
    service_rate = 1.0 / SERVICE_MEAN

    def order(arrived: float):
        for station in stations:
            with station.request() as request:
                yield request
                counts["events"] += 1  # service start
                yield env.timeout(rng.expovariate(service_rate))
                counts["events"] += 1  # service end
        counts["completed"] += 1
        counts["cycle_sum"] += env.now - arrived

    def source():
        for _ in range(orders):
            yield env.timeout(rng.expovariate(ARRIVAL_RATE))
            counts["events"] += 1  # arrival
            env.process(order(env.now))

    env.process(source())
    started = time.perf_counter()
    cpu_started = time.process_time()
    env.run()
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(
        json.dumps(
            {
                "simpyVersion": simpy.__version__,
                "orders": orders,
                "completed": counts["completed"],
                "events": counts["events"],
                "wallSeconds": wall,
                "cpuSeconds": cpu,
                "eventsPerSecond": counts["events"] / wall,
                "eventsPerCpuSecond": counts["events"] / cpu,
                "meanCycleMinutes": counts["cycle_sum"] / max(1, counts["completed"]),
                "simulatedMinutes": env.now,
            }
        )
    )


if __name__ == "__main__":
    main()
