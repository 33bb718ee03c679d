#!/usr/bin/env bash
# Regenerates every generated section of bench/RESULTS.md, one after the other (about an hour on 2 cores; keep the
# machine otherwise idle): engine throughput (run.sh), JMH stages (jmh.sh), the pipeline through the broker
# (pipeline.sh), the fault table (faults.sh), then CPU model-only latency and the cascade economics (cascade.py).
#
#   bench/all.sh
#   env: as each script documents; GPU_LATENCY: a `bench/model_latency.py --device cuda` report made on a GPU
#        machine (default reports/model_latency_gpu.json; the cascade section prices only the CPU without one)
#        TEACHER, STUDENT: the held-out predictions the cascade replays (bench/cascade.py --teacher/--student;
#        default the teacher protocol's reports/teacher_protocol.json:teacher0 and :student)
set -euo pipefail
cd "$(dirname "$0")/.."
bench/run.sh
bench/jmh.sh
bench/pipeline.sh
bench/faults.sh
cpu_latency=reports/model_latency_cpu.json
LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 /usr/bin/python3 bench/model_latency.py \
  --device cpu --repeats 10 --out "$cpu_latency"
gpu_latency=${GPU_LATENCY:-reports/model_latency_gpu.json}
latency=(--latency "$cpu_latency")
[[ -f $gpu_latency ]] && latency+=(--latency "$gpu_latency")
/usr/bin/python3 bench/cascade.py --teacher "${TEACHER:-reports/teacher_protocol.json:teacher0}" \
  --student ${STUDENT:-reports/teacher_protocol.json:student} "${latency[@]}"
