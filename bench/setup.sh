# Sourced by bench/jmh.sh and bench/pipeline.sh from the repository root: the output folder, tcmalloc (RESULTS.md
# says why), the compiled test classpath, and the bench JPEGs. Arguments: extra Maven goals/options to run first.
out=target/bench
mkdir -p "$out"
[[ -f /usr/lib/x86_64-linux-gnu/libtcmalloc.so.4 ]] && export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc.so.4

LD_PRELOAD= ./mvnw -o -q "$@" test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt"
/usr/bin/python3 -m bench.make_jpegs "$out/jpegs"
