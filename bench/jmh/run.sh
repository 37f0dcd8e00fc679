#!/usr/bin/env bash
# Runs the JMH microbenchmarks under bench/jmh/java. Arguments go to JMH and override the quick defaults,
# e.g. `bench/jmh/run.sh -f 2 -i 10 ModelRouting` or `bench/jmh/run.sh -h`.
# BUILD_DIR selects the Maven build directory (the pom's build.dir), default target.
set -euo pipefail

cd "$(dirname "$0")/../.."
build_dir="${BUILD_DIR:-target}"
# Relative to the project, as the pom's own default is.
case "$build_dir" in
    /*) ;;
    *) build_dir="$PWD/$build_dir" ;;
esac

./mvnw -B -ntp -q -Dbuild.dir="$build_dir" -DskipTests test-compile
classpath_file="$build_dir/jmh-classpath.txt"
./mvnw -B -ntp -q -Dbuild.dir="$build_dir" dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"

# Quick defaults: one fork, short warm-up and measurement, allocation per operation. JMH refuses an
# option given twice, so a default is left out when the arguments set it.
defaults=()
for option in "-f 1" "-wi 3" "-w 1s" "-i 5" "-r 1s" "-prof gc"; do
    flag="${option%% *}"
    given=false
    for arg in "$@"; do
        if [[ "$arg" == "$flag" ]]; then
            given=true
        fi
    done
    if [[ "$given" == false ]]; then
        defaults+=("$flag" "${option#* }")
    fi
done

exec java -cp "$build_dir/test-classes:$build_dir/classes:$(cat "$classpath_file")" org.openjdk.jmh.Main \
    "${defaults[@]}" "$@"
