#!/usr/bin/env bash
# Regenerates the pipeline fault table of bench/RESULTS.md: runs the fault tests (real embedded broker, the packaged
# service for the crash case), which log what each case lost, duplicated and how long it took to recover.
#
#   bench/faults.sh        (about 8 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f /usr/lib/x86_64-linux-gnu/libtcmalloc.so.4 ]] && export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc.so.4

rm -f target/fault-report.jsonl
./mvnw -B -q -o verify -Dtest='UploadPipelineTest,StudentOnlyPipelineTest,RedistillationPipelineTest' -Dit.test=PipelineCrashIT \
  -Dsurefire.failIfNoSpecifiedTests=false
/usr/bin/python3 bench/fault_report.py target/fault-report.jsonl bench/RESULTS.md "bench/faults.sh"
echo "bench/RESULTS.md updated (faults)"
