#!/usr/bin/env bash
# Regenerates bench/RESULTS.md: Java end-to-end vs model-only throughput with ONNX Runtime and DJL PyTorch (one
# JVM, interleaved) and Python model-only throughput of the same TorchScript model.
#
#   bench/run.sh [model-dir]
#     model-dir  default: newest model-cache/dpiqa_student_mobilenetv2/<version>, else the fixture student
#   env: THREADS (nproc) REPEATS (5) IMAGES (48, per sample) LABEL (section title)
#        ENGINES (pytorch,onnxruntime where the model has a model.onnx, else pytorch)
#        DPIQA_BENCH_MALLOC=glibc to measure with glibc's default malloc (see RESULTS.md for why not)
#        DPIQA_SHARED: folder holding datasets/clive (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."

student_versions=model-cache/dpiqa_student_mobilenetv2
if [[ $# -ge 1 ]]; then
  model_dir=$1
elif [[ -d $student_versions ]] && [[ -n $(ls "$student_versions") ]]; then
  model_dir=$student_versions/$(ls "$student_versions" | sort -V | tail -1)
else
  model_dir=src/test/resources/model-cache/fixture_student/$(ls src/test/resources/model-cache/fixture_student | sort -V | tail -1)
fi
threads=${THREADS:-$(nproc)}
repeats=${REPEATS:-5}
images=${IMAGES:-48}
label=${LABEL:-$model_dir}
engines=${ENGINES:-$([[ -f $model_dir/model.onnx ]] && echo pytorch,onnxruntime || echo pytorch)}
command_line="THREADS=$threads REPEATS=$repeats IMAGES=$images bench/run.sh${*:+ $*}"
out=target/bench
mkdir -p "$out"

# glibc returns big freed blocks to the OS, so libtorch page-faults on every op (5-20x slower here, in Python
# and in the JVM alike: RESULTS.md). tcmalloc keeps them; the env fallback stops glibc from trimming.
tcmalloc=/usr/lib/x86_64-linux-gnu/libtcmalloc.so.4
if [[ ${DPIQA_BENCH_MALLOC:-} == glibc ]]; then
  allocator="glibc malloc, defaults"
elif [[ -f $tcmalloc ]]; then
  export LD_PRELOAD=$tcmalloc
  allocator="tcmalloc (LD_PRELOAD=$tcmalloc)"
else
  export MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=100000000000 MALLOC_TOP_PAD_=1000000000
  allocator="glibc malloc, MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=100000000000 MALLOC_TOP_PAD_=1000000000"
fi

LD_PRELOAD= ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt"
/usr/bin/python3 -m bench.make_jpegs "$out/jpegs"

# Python right before and right after the Java run, its samples pooled, so load drift hits both sides alike.
python_model_only() {
  nice /usr/bin/python3 bench/python_latency.py "$model_dir" "$1" --threads "$threads" --repeats "$repeats" \
    --images "$images"
}
python_model_only "$out/python_before.json"
DJL_CACHE_DIR=target/djl-cache PYTORCH_FLAVOR=cpu nice java -cp "target/test-classes:target/classes:$(cat "$out/classpath.txt")" \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dai.djl.offline=true -Dai.djl.pytorch.flavor=cpu -DDJL_CACHE_DIR=target/djl-cache -DENGINE_CACHE_DIR=target/djl-cache \
  dev.dpiqa.bench.ServingBench "$model_dir" "$out/jpegs" "$out/java.json" "$threads" "$repeats" "$images" "$engines"
python_model_only "$out/python_after.json"

/usr/bin/python3 bench/report.py "$out/java.json" "$out/python_before.json" "$out/python_after.json" bench/RESULTS.md \
  "$command_line" "$allocator" "$label"
echo "bench/RESULTS.md updated ($label)"
