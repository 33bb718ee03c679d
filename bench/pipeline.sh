#!/usr/bin/env bash
# Regenerates the Kafka pipeline section of bench/RESULTS.md: the packaged service through an embedded broker at
# poll batch sizes 1/8/32 against the scoring engine in-process, in one run.
#
#   bench/pipeline.sh
#   env: EVENTS (64, per burst) STUDENT (dpiqa_student_mobilenetv2) CACHE (model-cache)
#        DPIQA_SHARED: folder holding datasets/clive (default ../shared), for the JPEGs
#        BENCH_SERVICE_JVM_OPTS: extra JVM options for the service process (e.g. a flight recording)
set -euo pipefail
cd "$(dirname "$0")/.."

events=${EVENTS:-64}
student=${STUDENT:-dpiqa_student_mobilenetv2}
cache=${CACHE:-model-cache}
source bench/setup.sh package -DskipTests  # the service runs from the packaged app

DJL_CACHE_DIR=target/djl-cache PYTORCH_FLAVOR=cpu java -cp "target/test-classes:target/classes:$(cat "$out/classpath.txt")" \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dai.djl.offline=true -Dai.djl.pytorch.flavor=cpu \
  -Dorg.jboss.logmanager.nocolor=true \
  dev.dpiqa.bench.PipelineBench "$cache" "$student" "$out/jpegs" "$out/pipeline.json" "$events"

images="$(ls "$out"/jpegs/*.jpg | wc -l) JPEGs from bench/make_jpegs.py ($(/usr/bin/python3 -c "from PIL import Image; import glob; print('x'.join(map(str, Image.open(sorted(glob.glob('$out/jpegs/*.jpg'))[0]).size)))"))"
/usr/bin/python3 bench/pipeline_report.py "$out/pipeline.json" bench/RESULTS.md "EVENTS=$events bench/pipeline.sh" "$images"
echo "bench/RESULTS.md updated (pipeline)"
