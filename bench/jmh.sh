#!/usr/bin/env bash
# Regenerates the JMH section of bench/RESULTS.md: per-stage costs of one image (guarded decode of a 3 MP JPEG at
# full size and as served, resize to the model's input tensor) and the forward pass on DJL PyTorch and ONNX Runtime
# swept over batch size and intra-op threads.
#
#   bench/jmh.sh           (about 7 minutes on 2 cores)
#   env: STUDENT (dpiqa_student_mobilenetv2) CACHE (model-cache)
#        JMH_RUN (JMH's fork/iteration options, default below) JMH_PARAMS (extra -p overrides, e.g. -p batch=1)
#        DPIQA_SHARED: folder holding datasets/clive (default ../shared), for the JPEG
set -euo pipefail
cd "$(dirname "$0")/.."

student=${STUDENT:-dpiqa_student_mobilenetv2}
cache=${CACHE:-model-cache}
source bench/setup.sh
jpeg=$(ls "$out"/jpegs/*.jpg | head -1)

# One fork per benchmark and parameter combination: libtorch's thread count is fixed per process.
DJL_CACHE_DIR=target/djl-cache PYTORCH_FLAVOR=cpu java -cp "target/test-classes:target/classes:$(cat "$out/classpath.txt")" \
  org.openjdk.jmh.Main 'dev.dpiqa.bench.jmh.*' ${JMH_RUN:--f 1 -wi 3 -w 2s -i 5 -r 2s} \
  -jvmArgsAppend "-Dai.djl.offline=true -Dai.djl.pytorch.flavor=cpu -DDJL_CACHE_DIR=target/djl-cache -DENGINE_CACHE_DIR=target/djl-cache" \
  -p jpeg="$jpeg" -p cache="$cache" -p model="$student" \
  -rf json -rff "$out/jmh.json" ${JMH_PARAMS:-}

/usr/bin/python3 bench/jmh_report.py "$out/jmh.json" bench/RESULTS.md "bench/jmh.sh" \
  "$(/usr/bin/python3 -c "from PIL import Image; print('x'.join(map(str, Image.open('$jpeg').size)))")"
echo "bench/RESULTS.md updated (jmh)"
